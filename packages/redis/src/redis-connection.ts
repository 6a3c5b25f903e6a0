import { parseRedisUrl } from '@travel/config';
import { Cluster, Redis, type RedisOptions } from 'ioredis';

/**
 * A connection to one Redis or to a Redis Cluster: what every Redis feature takes. Only
 * commands whose keys share a hash slot work on both (see the router's response-cache store).
 */
export type RedisClient = Redis | Cluster;

export interface RedisConnectionLog {
  warn(details: object, message: string): void;
  info?(details: object, message: string): void;
}

export interface RedisConnectionOptions {
  /** What the connection is for, in its log lines (`client`, `booking events publisher` …). */
  role: string;
  /**
   * ioredis's `commandTimeout`, in ms: a command unanswered this long is rejected, so a
   * stalled Redis (paused, swapping) can not hold a caller. Callers bound their own calls too
   * (REDIS_TIMEOUT_MS); this is the backstop. Default none.
   */
  commandTimeoutMs?: number;
  /**
   * For pub/sub: keep an offline queue, so a SUBSCRIBE or an event sent before the connection
   * (or a Cluster's slot map) is ready waits for it instead of failing. The queue stays small
   * and short-lived: `maxRetriesPerRequest: 1` fails what it holds after a failed reconnect,
   * and callers bound the wait (a publish gives up at its deadline). Default false: commands
   * fail at once while Redis is not ready, and the caller falls back.
   */
  waitUntilReady?: boolean;
  /**
   * ioredis's `enableAutoPipelining` on a single node: the commands issued in one turn of the
   * event loop (a burst of concurrent requests' cache reads and rate-limit spends) leave in one
   * write. Measured on the router's cache hits: a third more hits per second on Redis, a
   * sixth less CPU each. A Cluster connection ignores it (its pipelines are per node and a
   * command's node may move). Default false.
   */
  autoPipelining?: boolean;
  /**
   * ioredis's `autoResubscribe`: after a reconnect, subscribe again to what was subscribed.
   * Default true; false for a connection that has to send other commands first (the response
   * cache's invalidations turn tracking on before they subscribe).
   */
  autoResubscribe?: boolean;
  log?: RedisConnectionLog;
}

// Reconnect forever, backing off up to 2 s.
const retryStrategy = (attempt: number) => Math.min(attempt * 100, 2000);

/**
 * Every service's Redis connection, to one server or to a Cluster (`redis+cluster://host:port,…`,
 * see @travel/config's parseRedisUrl). While Redis is down, commands fail fast instead of
 * queueing; while it is up but stalled, they fail after `commandTimeoutMs`: callers bypass
 * Redis rather than wait, and ioredis keeps reconnecting in the background. On a Cluster the
 * same policy holds per node; ioredis follows MOVED/ASK redirections and retries a command
 * whose node went away every 100 ms while it refreshes the slot map (16 times at most).
 * Connection errors are logged once per outage (without a listener ioredis prints "Unhandled
 * error event" on every reconnect).
 */
export function createRedisConnection(
  url: string,
  {
    role,
    commandTimeoutMs,
    waitUntilReady = false,
    autoPipelining = false,
    autoResubscribe = true,
    log,
  }: RedisConnectionOptions,
): RedisClient {
  const target = parseRedisUrl(url);
  const options = {
    ...(commandTimeoutMs === undefined ? {} : { commandTimeout: commandTimeoutMs }),
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    autoResubscribe,
  } satisfies RedisOptions;
  const redis =
    target.kind === 'node'
      ? new Redis(target.url, {
          ...options,
          enableOfflineQueue: waitUntilReady,
          enableAutoPipelining: autoPipelining,
          retryStrategy,
        })
      : new Cluster(target.nodes, {
          enableOfflineQueue: waitUntilReady,
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
    if (!down) log?.warn({ err, role }, 'redis unavailable');
    down = true;
  };
  redis.on('error', unavailable);
  if (target.kind === 'cluster') {
    // A Cluster reports each node's errors apart from its own, and stays `ready` while a node
    // is away: a successful slot refresh (every 5 s) ends the quiet period instead, so a node
    // still failing is logged again then.
    redis.on('node error', unavailable);
    redis.on('refresh', () => {
      down = false;
    });
  }
  redis.on('ready', () => {
    if (down) log?.info?.({ role }, 'redis available again');
    down = false;
  });
  answerSubscriptionsHandled(redis);
  return redis;
}

const SUBSCRIPTION_COMMANDS = [
  'subscribe',
  'psubscribe',
  'ssubscribe',
  'unsubscribe',
  'punsubscribe',
  'sunsubscribe',
] as const;

/**
 * Marks every (un)subscribe answer as handled, while callers still get it as it is. Some of
 * these commands are sent with nobody awaiting the answer: ioredis subscribes again on its own
 * after a reconnect, and graphql-redis-subscriptions unsubscribes without a handler. A
 * connection closed before their answer (a service stopping just as Redis restarts) rejected
 * them unhandled, which Node treats as fatal; closing ends every subscription anyway.
 */
function answerSubscriptionsHandled(redis: RedisClient): void {
  for (const name of SUBSCRIPTION_COMMANDS) {
    const send = redis[name].bind(redis) as (...args: unknown[]) => Promise<unknown>;
    // An own property: ioredis's reconnect calls these through the instance too.
    Object.defineProperty(redis, name, {
      value: (...args: unknown[]) => {
        const answer = send(...args);
        answer.catch(() => undefined);
        return answer;
      },
    });
  }
}
