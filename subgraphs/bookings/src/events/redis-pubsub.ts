import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';

/**
 * A RedisPubSub over two ioredis connections (a subscribed connection can not publish).
 * Commands fail after one retry instead of queueing for long while Redis is away: a booking
 * never waits on its event.
 */
export function createRedisPubSub(url: string): RedisPubSub {
  const options = { maxRetriesPerRequest: 1, lazyConnect: false };
  return new RedisPubSub({
    publisher: new Redis(url, options),
    subscriber: new Redis(url, options),
  });
}
