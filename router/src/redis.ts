import { parseRedisUrl } from '@travel/config';
import type { Logger } from '@travel/logger';
import { Cluster, Redis, type RedisOptions } from 'ioredis';

/**
 * A connection to one Redis or to a Redis Cluster: what every Redis feature takes. Only
 * commands whose keys share a hash slot work on both (see response-cache/redis-store.ts).
 */
export type RedisClient = Redis | Cluster;

export interface RedisConnections {
  /** Commands (APQ store, response cache, rate limits, publishing). */
  client: RedisClient;
  /** A connection in subscriber mode can run nothing else: one more, made on first use. */
  subscriber(): RedisClient;
  close(): Promise<void>;
}

export interface RedisConnectionsOptions {
  /**
   * ioredis's `commandTimeout` of the command connection, in ms: a command unanswered this
   * long is rejected, so a stalled Redis (paused, swapping) cannot hold a caller. Callers also
   * bound their own calls (REDIS_TIMEOUT_MS); this is the backstop for every other command.
   */
  commandTimeoutMs: number;
}

// Reconnect forever, backing off up to 2 s.
const retryStrategy = (attempt: number) => Math.min(attempt * 100, 2000);

/**
 * The router's only Redis connections, to one server or to a Cluster (`redis+cluster://`,
 * see @travel/config's parseRedisUrl). While Redis is down, commands fail fast instead of
 * queueing (`enableOfflineQueue: false`); while it is up but stalled, they fail after
 * `commandTimeoutMs`. Callers bypass Redis rather than wait, and ioredis keeps reconnecting in
 * the background. The subscriber keeps an offline queue (a SUBSCRIBE issued before the
 * connection is up must wait for it), which stays small and short-lived: it holds only
 * (un)subscribe commands, and `maxRetriesPerRequest: 1` fails them after a failed reconnect.
 * It has no command timeout: nothing on a request's path waits for it, and a SUBSCRIBE given
 * up client-side might still be applied by Redis.
 *
 * On a Cluster the same policy holds per node, and the cluster's own offline queue is off for
 * commands too (a command before the first slot map, a few ms after start, fails). ioredis
 * follows MOVED/ASK redirections, and retries a command whose node went away every 100 ms
 * (`retryDelayOnFailover`) while it refreshes the slot map, 16 times at most; callers stop
 * waiting at their deadline. Pub/sub is classic (SUBSCRIBE/PUBLISH): a Cluster forwards every
 * message to every node, so the subscriber may sit on any one of them. (Sharded pub/sub
 * would put the one booking channel on one shard anyway.)
 */
export function createRedisConnections(
  url: string,
  log: Logger,
  { commandTimeoutMs }: RedisConnectionsOptions,
): RedisConnections {
  const target = parseRedisUrl(url);
  const connect = (role: 'client' | 'subscriber'): RedisClient => {
    const subscriber = role === 'subscriber';
    const options = {
      ...(subscriber ? {} : { commandTimeout: commandTimeoutMs }),
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    } satisfies RedisOptions;
    const redis =
      target.kind === 'node'
        ? new Redis(target.url, { ...options, enableOfflineQueue: subscriber, retryStrategy })
        : new Cluster(target.nodes, {
            enableOfflineQueue: subscriber,
            // Learns of failovers and resharding without waiting for a MOVED (ioredis: off).
            slotsRefreshInterval: 5000,
            clusterRetryStrategy: retryStrategy,
            redisOptions: {
              ...options,
              ...(target.username ? { username: target.username } : {}),
              ...(target.password ? { password: target.password } : {}),
              ...(target.tls ? { tls: {} } : {}),
            },
          });
    let down = false;
    const unavailable = (err: unknown) => {
      if (!down) log.warn({ err, role }, 'redis unavailable');
      down = true;
    };
    redis.on('error', unavailable);
    if (target.kind === 'cluster') {
      // A Cluster reports each node's errors apart from its own, and stays `ready` while a
      // node is away: a successful slot refresh (every 5 s) ends the quiet period instead, so
      // a node still failing is logged again then.
      redis.on('node error', unavailable);
      redis.on('refresh', () => {
        down = false;
      });
    }
    redis.on('ready', () => {
      if (down) log.info({ role }, 'redis available again');
      down = false;
    });
    return redis;
  };
  const client = connect('client');
  let subscriber: RedisClient | undefined;
  return {
    client,
    subscriber: () => {
      subscriber ??= connect('subscriber');
      return subscriber;
    },
    async close() {
      await Promise.all([client, subscriber].map((redis) => redis?.quit().catch(() => undefined)));
    },
  };
}
