import { createRedisConnection, createRedisPubSub } from '@travel/redis';
import type { RedisPubSub } from 'graphql-redis-subscriptions';

interface WarnLog {
  warn(details: object, message: string): void;
}

/**
 * Entity changes over Redis pub/sub: a RedisPubSub over two connections (a subscribed
 * connection can not publish) made by the one Redis connection factory, so a write never waits
 * on its event. On a Cluster, classic pub/sub reaches subscribers on every node.
 */
export function createEntityChangePubSub(url: string, log?: WarnLog): RedisPubSub {
  const connect = (role: 'publisher' | 'subscriber') =>
    createRedisConnection(url, {
      role: `entity changes ${role}`,
      // An event published in the first moments after start must not be lost on a Cluster.
      waitUntilReady: true,
      ...(log ? { log } : {}),
    });
  return createRedisPubSub({ publisher: connect('publisher'), subscriber: connect('subscriber') });
}
