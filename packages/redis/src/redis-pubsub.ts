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
 * gets pub/sub on Redis. RedisPubSub sends UNSUBSCRIBE and PUNSUBSCRIBE without handling their
 * answers; a service stopping while its subscriber reconnects (Redis restarting, a failover)
 * had them rejected unhandled when it closed the connection, which Node treats as fatal. Their
 * failure is of no consequence (closing the connection ends every subscription it held), so
 * the subscriber RedisPubSub sees ignores it.
 */
export function createRedisPubSub({ publisher, subscriber }: RedisPubSubConnections): RedisPubSub {
  return new RedisPubSub({ publisher, subscriber: withUnsubscribeAnswersHandled(subscriber) });
}

function withUnsubscribeAnswersHandled(subscriber: RedisClient): RedisClient {
  return new Proxy(subscriber, {
    get(target, property) {
      if (property === 'unsubscribe' || property === 'punsubscribe') {
        const send = target[property].bind(target) as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => send(...args).catch(() => undefined);
      }
      const value: unknown = Reflect.get(target, property, target);
      // ioredis's methods read and write their own state through `this`: the connection's.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
