import { parseRedisUrl } from '@travel/config';
import { Cluster, Redis } from 'ioredis';

/** A connection to one Redis or to a Redis Cluster: what the subgraphs' Redis features take. */
export type RedisClient = Redis | Cluster;

interface WarnLog {
  warn(details: object, message: string): void;
}

export interface RedisConnectionOptions {
  /** What the connection is for, in its log lines (`publisher`, `rate-limits` …). */
  role: string;
  /**
   * For pub/sub: on a Cluster, keep an offline queue, so a subscription or an event sent
   * before the cluster is ready (its slot map loads just after start) waits for it instead of
   * being lost; the caller bounds the wait (a publish gives up after its deadline). Default
   * false: commands fail at once while the cluster is not ready.
   */
  waitUntilReady?: boolean;
  log?: WarnLog;
}

/**
 * A subgraph's Redis connection, to one server or a Cluster (`redis+cluster://host:port,…`,
 * see @travel/config's parseRedisUrl). Commands fail after one retry instead of queueing for
 * long while Redis is away: a request never waits on Redis. On a Cluster that holds per node
 * (`maxRetriesPerRequest: 1`), and while the cluster as a whole is not ready, commands fail at
 * once rather than wait in its unbounded offline queue. Connection errors are logged once per
 * outage (without a listener ioredis prints "Unhandled error event" on every reconnect).
 */
export function createRedisConnection(
  url: string,
  { role, waitUntilReady = false, log }: RedisConnectionOptions,
): RedisClient {
  const target = parseRedisUrl(url);
  const redis =
    target.kind === 'node'
      ? new Redis(target.url, { maxRetriesPerRequest: 1, lazyConnect: false })
      : new Cluster(target.nodes, {
          enableOfflineQueue: waitUntilReady,
          // Learns of failovers and resharding without waiting for a MOVED (ioredis: off).
          slotsRefreshInterval: 5000,
          redisOptions: {
            maxRetriesPerRequest: 1,
            ...(target.username ? { username: target.username } : {}),
            ...(target.password ? { password: target.password } : {}),
            ...(target.tls ? { tls: {} } : {}),
          },
        });
  let down = false;
  const unavailable = (err: unknown) => {
    if (!down) log?.warn({ err, role }, 'redis unavailable');
    down = true;
  };
  redis.on('error', unavailable);
  if (target.kind === 'cluster') {
    // Node errors come apart; the cluster stays `ready` while one node is away, so a
    // successful slot refresh (every 5 s) re-arms the log instead.
    redis.on('node error', unavailable);
    redis.on('refresh', () => {
      down = false;
    });
  }
  redis.on('ready', () => {
    down = false;
  });
  return redis;
}
