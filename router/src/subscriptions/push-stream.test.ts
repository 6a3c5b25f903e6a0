import { describe, expect, it, vi } from 'vitest';
import { createPushStream } from './push-stream.ts';

describe('createPushStream', () => {
  it('hands over values pushed before and after the reader waits, in order', async () => {
    const stream = createPushStream<number>(() => {});
    stream.push(1);
    const waiting = [stream.next(), stream.next()];
    stream.push(2);
    await expect(waiting[0]).resolves.toEqual({ value: 1, done: false });
    await expect(waiting[1]).resolves.toEqual({ value: 2, done: false });
    expect(stream.queued).toBe(0);
  });

  it('delivers what is queued, then the error it was ended with', async () => {
    const onEnd = vi.fn();
    const stream = createPushStream<number>(onEnd);
    stream.push(1);
    stream.end(new Error('too slow'));
    stream.push(2); // ignored: ended
    await expect(stream.next()).resolves.toEqual({ value: 1, done: false });
    await expect(stream.next()).rejects.toThrow('too slow');
    await expect(stream.next()).resolves.toEqual({ value: undefined, done: true });
    expect(onEnd).toHaveBeenCalledOnce();
  });

  it('ends a waiting reader when the consumer returns, running onEnd once', async () => {
    const onEnd = vi.fn();
    const stream = createPushStream<number>(onEnd);
    const waiting = stream.next();
    await stream.return();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    stream.end();
    await stream.return();
    expect(onEnd).toHaveBeenCalledOnce();
  });

  it('works with for await', async () => {
    const stream = createPushStream<string>(() => {});
    stream.push('a');
    stream.push('b');
    stream.end();
    const seen: string[] = [];
    for await (const value of stream) seen.push(value);
    expect(seen).toEqual(['a', 'b']);
  });
});
