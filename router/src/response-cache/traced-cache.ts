import { type Tracer, withSpan } from '@travel/tracing';
import type { ResponseCache } from './response-cache.ts';

/**
 * `cache` with a span around each lookup (`router.response_cache.lookup`), saying whether it
 * was a hit, a miss or a bypass (the store failed or was slow): the one cache phase a request
 * waits for. Writes happen in the background and invalidations inside the request's span.
 */
export function tracedResponseCache(cache: ResponseCache, tracer: Tracer): ResponseCache {
  return {
    ...cache,
    lookup: (keys) =>
      withSpan(tracer, 'router.response_cache.lookup', async (span) => {
        const found = await cache.lookup(keys);
        const outcome = found === undefined ? 'bypass' : found.hit ? 'hit' : 'miss';
        span?.setAttribute('router.response_cache.outcome', outcome);
        return found;
      }),
  };
}
