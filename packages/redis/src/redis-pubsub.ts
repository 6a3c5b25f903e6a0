import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { RedisClient } from './redis-connection.ts';

export interface RedisPubSubConnections {
  /** Publishes; may be shared with other commands. */
  publisher: RedisClient;
  /** Subscribes: a connection of its own (a subscribed connection can do nothing else). */
  subscriber: RedisClient;
}

/**
 * graphql-redis-subscriptions' RedisPubSub over two of our connections: the one way a service
 * gets pub/sub on Redis. Our connections handle the (un)subscribe answers RedisPubSub leaves
 * unhandled (see createRedisConnection).
 */
export function createRedisPubSub({ publisher, subscriber }: RedisPubSubConnections): RedisPubSub {
  return new RedisPubSub({ publisher, subscriber });
}
