import { once } from 'node:events';
import type { Cluster, Redis } from 'ioredis';

/**
 * Resolves once `redis` is ready. The services' connections refuse commands until then
 * (no offline queue: a request never waits on Redis), so a test waits here first.
 */
export async function redisReady<T extends Redis | Cluster>(redis: T): Promise<T> {
  if (redis.status !== 'ready') await once(redis, 'ready');
  return redis;
}
