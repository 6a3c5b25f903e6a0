import { stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DeadlineExceeded, isTimeout, withDeadline } from './deadline.ts';

/** Keeps the event loop busy for `ms`, as a long GC or synchronous burst does. */
function block(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe('withDeadline', () => {
  it('settles with the work when it is in time', async () => {
    await expect(withDeadline(Promise.resolve(7), 50)).resolves.toBe(7);
  });

  it('rejects with DeadlineExceeded when the work takes longer', async () => {
    const never = new Promise<never>(() => {});
    const late = withDeadline(never, 10);
    await expect(late).rejects.toBeInstanceOf(DeadlineExceeded);
    await expect(late).rejects.toSatisfy(isTimeout);
  });

  it('does not count a reply that waited behind a blocked event loop as late', async () => {
    // Started in the check phase (setImmediate): the next turn runs the expired timer before
    // the poll phase that delivers the file system's answer, ready since the thread pool
    // answered during the block.
    const { work } = await new Promise<{ work: Promise<unknown> }>((resolve) =>
      setImmediate(() => {
        const started = { work: withDeadline(stat(import.meta.filename), 10) };
        block(60);
        resolve(started);
      }),
    );
    await expect(work).resolves.toHaveProperty('size');
  });
});
