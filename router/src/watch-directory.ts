import { watch } from 'node:fs';
import type { Logger } from '@travel/logger';

export interface WatchDirectoryOptions {
  dir: string;
  /** Which changed file names matter (an event without a name always counts). */
  matches(filename: string): boolean;
  /** Runs after the quiet time; never two at once (reloads are queued). */
  onChange(): Promise<void>;
  /** Quiet time after the last change before `onChange`; writers often touch a file twice. */
  debounceMs: number;
  log: Pick<Logger, 'error'>;
}

/**
 * Watches a directory — not a file, so a file replaced by renaming a new one over it is seen
 * too — and calls `onChange` once changes settle. `close()` stops watching and waits for a
 * reload in progress, so nothing runs after it resolves.
 */
export function watchDirectory({ dir, matches, onChange, debounceMs, log }: WatchDirectoryOptions) {
  let timer: NodeJS.Timeout | undefined;
  let queue = Promise.resolve();
  let closed = false;
  const watcher = watch(dir, { persistent: false }, (_event, filename) => {
    if (filename && !matches(filename)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      queue = queue.then(() => (closed ? undefined : onChange()));
    }, debounceMs);
    timer.unref();
  });
  watcher.on('error', (err) => log.error({ err, dir }, 'watching the directory failed'));
  return {
    /** True once close() was called: a reload in progress can stop before acting. */
    get closed() {
      return closed;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      watcher.close();
      await queue;
    },
  };
}
