import type { Redis } from 'ioredis';
import { expect, vi } from 'vitest';

export interface RedisCommands {
  /**
   * Sends a marker command, waits until Redis reported it, and answers (and forgets) what was
   * reported before it that names a key under the prefix (the prefix cut): every such command
   * sent before the marker, in order.
   */
  settled(marker: string): Promise<string[]>;
  stop(): void;
}

/**
 * What one Redis node receives under `prefix`, through MONITOR on a connection of its own: to
 * prove how many commands a feature sends, not only what it answers. A single node only.
 */
export async function watchRedisCommands(redis: Redis, prefix: string): Promise<RedisCommands> {
  const monitor = await redis.monitor();
  const sent: string[] = [];
  monitor.on('monitor', (_time: string, args: string[]) => {
    if (args.some((arg) => arg.includes(prefix))) sent.push(args.join(' ').replaceAll(prefix, ''));
  });
  return {
    async settled(marker) {
      await redis.get(`${prefix}${marker}`);
      await vi.waitFor(() => expect(sent).toContain(`get ${marker}`));
      const seen = sent.splice(0, sent.length);
      return seen.slice(0, seen.indexOf(`get ${marker}`));
    },
    stop: () => monitor.disconnect(),
  };
}
