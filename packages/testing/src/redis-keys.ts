import type { Cluster, Redis } from 'ioredis';

/**
 * The keys matching `pattern` on one Redis or on every master of a Cluster (KEYS on a Cluster
 * client asks one node only). For tests, which look at and clean up their own prefix.
 */
export async function redisKeys(redis: Redis | Cluster, pattern: string): Promise<string[]> {
  const nodes = redis.isCluster ? (redis as Cluster).nodes('master') : [redis as Redis];
  const keys = await Promise.all(nodes.map((node) => node.keys(pattern)));
  return keys.flat().sort();
}

/** Deletes the keys matching `pattern` (one DEL per key: a DEL may not span slots). */
export async function deleteRedisKeys(redis: Redis | Cluster, pattern: string): Promise<void> {
  await Promise.all((await redisKeys(redis, pattern)).map((key) => redis.del(key)));
}
