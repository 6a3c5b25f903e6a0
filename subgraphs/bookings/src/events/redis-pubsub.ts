import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';

interface WarnLog {
  warn(details: object, message: string): void;
}

/**
 * A RedisPubSub over two ioredis connections (a subscribed connection can not publish).
 * Commands fail after one retry instead of queueing for long while Redis is away: a booking
 * never waits on its event. Connection errors are logged once per outage (without a listener
 * ioredis prints "Unhandled error event" on every reconnect attempt).
 */
export function createRedisPubSub(url: string, log?: WarnLog): RedisPubSub {
  const connect = (role: string) => {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: false });
    let down = false;
    redis.on('error', (err) => {
      if (!down) log?.warn({ err, role }, 'redis unavailable for booking events');
      down = true;
    });
    redis.on('ready', () => {
      down = false;
    });
    return redis;
  };
  return new RedisPubSub({ publisher: connect('publisher'), subscriber: connect('subscriber') });
}
