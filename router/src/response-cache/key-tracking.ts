import type { Logger } from '@travel/logger';
import type { Redis } from 'ioredis';

/** The channel Redis publishes tracked keys' invalidations on, to a RESP2 connection. */
const INVALIDATIONS = '__redis__:invalidate';

export interface KeyTrackingHandlers {
  /** These keys (Redis's own names) changed, expired or were deleted. */
  onInvalidate(keys: readonly string[]): void;
  /**
   * Forget everything: tracking just started, stopped (the connection dropped: what changed
   * meanwhile is unknown) or the database was flushed.
   */
  onReset(): void;
}

export interface KeyTracking {
  /** True while every change to a key under the prefix reaches `onInvalidate`. */
  readonly active: boolean;
  /**
   * Settles once every invalidation Redis sent before this call has been handed over: a
   * round trip on the tracking connection itself (a PING), whose answer Redis queues behind
   * the invalidations it queued before. The calls of one turn of the event loop share one
   * PING, and one at most is in flight: a paused Redis holds two PINGs, not one per request.
   */
  sync(): Promise<void>;
}

/**
 * Redis's server-assisted client-side caching, in broadcasting mode: Redis tells `redis` (a
 * connection of its own, see RedisConnections.invalidations) of every change to any key under
 * `prefix`, by anyone, with no per-key bookkeeping on the server. The connection redirects the
 * invalidations to itself and subscribes to them; after a reconnect it does both again
 * (ioredis's autoResubscribe must be off: a subscribed connection can not turn tracking on).
 * One tracking per connection, for the same reason.
 */
export function trackKeys(
  redis: Redis,
  prefix: string,
  handlers: KeyTrackingHandlers,
  log: Logger,
): KeyTracking {
  let active = false;
  const reset = (nowActive: boolean) => {
    active = nowActive;
    handlers.onReset();
  };

  const start = async () => {
    const id = await redis.client('ID');
    await redis.client('TRACKING', 'ON', 'REDIRECT', String(id), 'BCAST', 'PREFIX', prefix);
    await redis.subscribe(INVALIDATIONS);
    reset(true);
    log.info({ prefix }, 'response cache near cache on: Redis tracks its keys');
  };
  const startNow = () => {
    start().catch((err) => log.warn({ err }, 'response cache key tracking not started'));
  };
  redis.on('ready', startNow);
  if (redis.status === 'ready') startNow();
  redis.on('close', () => {
    if (active) log.warn('response cache near cache off until Redis tracks its keys again');
    reset(false);
  });
  redis.on('messageBuffer', (channel: Buffer, message: Buffer[] | null) => {
    if (channel.toString() !== INVALIDATIONS) return;
    // No keys: the database was flushed.
    if (message === null) reset(active);
    else handlers.onInvalidate(message.map((key) => key.toString()));
  });

  let next: { promise: Promise<void>; resolve(): void; reject(err: unknown): void } | undefined;
  let pinging = false;
  const ping = () => {
    const waiting = next;
    next = undefined;
    if (!waiting) return;
    pinging = true;
    redis
      .ping()
      .then(waiting.resolve, waiting.reject)
      .finally(() => {
        pinging = false;
        if (next) setImmediate(ping);
      });
  };

  return {
    get active() {
      return active;
    },
    sync() {
      if (!next) {
        let resolve!: () => void;
        let reject!: (err: unknown) => void;
        const promise = new Promise<void>((res, rej) => {
          resolve = res;
          reject = rej;
        });
        next = { promise, resolve, reject };
        if (!pinging) setImmediate(ping);
      }
      return next.promise;
    },
  };
}
