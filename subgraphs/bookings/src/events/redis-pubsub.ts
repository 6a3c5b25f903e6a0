import { createRedisConnection } from '@travel/subgraph-kit';
import { RedisPubSub } from 'graphql-redis-subscriptions';

interface WarnLog {
  warn(details: object, message: string): void;
}

/**
 * A RedisPubSub over two connections (a subscribed connection can not publish), made by the
 * subgraphs' one Redis connection factory: a booking never waits on its event.
 */
export function createRedisPubSub(url: string, log?: WarnLog): RedisPubSub {
  const connect = (role: string) =>
    createRedisConnection(url, { role: `booking events ${role}`, ...(log ? { log } : {}) });
  return new RedisPubSub({ publisher: connect('publisher'), subscriber: connect('subscriber') });
}
