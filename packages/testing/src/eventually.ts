import { vi } from 'vitest';

/**
 * Waits until `probe` answers true (vi.waitFor, polling every `intervalMs`), for the waits a test
 * can not turn into a count: a file watcher, a log line, a subscriber arriving. Fails after
 * `timeoutMs` (default 5000).
 */
export function eventually(
  probe: () => Promise<boolean> | boolean,
  timeoutMs = 5000,
  intervalMs = 25,
): Promise<void> {
  return vi.waitFor(
    async () => {
      if (!(await probe())) throw new Error(`condition not met within ${timeoutMs} ms`);
    },
    { timeout: timeoutMs, interval: intervalMs },
  );
}
