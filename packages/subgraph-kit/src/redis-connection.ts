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
   * For SUBSCRIBE only: on a Cluster it keeps an offline queue (a subscription asked for
   * before the cluster is ready waits for it). Default false: commands fail while it is not.
   */
  subscriber?: boolean;
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
  { role, subscriber = false, log }: RedisConnectionOptions,
): RedisClient {
  const target = parseRedisUrl(url);
  const redis =
    target.kind === 'node'
      ? new Redis(target.url, { maxRetriesPerRequest: 1, lazyConnect: false })
      : new Cluster(target.nodes, {
          enableOfflineQueue: subscriber,
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
