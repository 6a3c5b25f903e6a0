import { Counter, type Registry } from 'prom-client';

export interface ResponseCacheMetrics {
  hits: Counter;
  misses: Counter;
  /** Queries served without the cache because it failed, was slow or may be stale. */
  bypasses: Counter<'reason'>;
  /** Attempts to store a response, by outcome. */
  writes: Counter<'outcome'>;
  /** Entity tags invalidated, by outcome. */
  invalidations: Counter<'outcome'>;
  /** Requests the fast path saw: answered (`hit`), refused, or handed on to the pipeline. */
  fastPath: Counter<'outcome'>;
}

export type BypassReason = 'error' | 'timeout' | 'pending_invalidation';
export type WriteOutcome = 'stored' | 'superseded' | 'too_large' | 'failed';

/** The response cache's counters, in the router's registry. */
export function createResponseCacheMetrics(registry: Registry): ResponseCacheMetrics {
  const counter = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });
  return {
    hits: counter('response_cache_hits_total', 'Queries answered from the response cache'),
    misses: counter('response_cache_misses_total', 'Cacheable queries not found in the cache'),
    bypasses: counter(
      'response_cache_bypasses_total',
      'Queries served without the cache: store failed or slow, or an invalidation is pending',
      ['reason'],
    ),
    writes: counter(
      'response_cache_writes_total',
      'Responses offered to the cache: stored, superseded by an invalidation, too large, failed',
      ['outcome'],
    ),
    invalidations: counter(
      'response_cache_invalidations_total',
      'Entity tags invalidated by writes and entity changes, by outcome (ok or failed)',
      ['outcome'],
    ),
    fastPath: counter(
      'response_cache_fast_path_total',
      'Queries the fast path answered (hit), refused (rate_limited) or handed to the pipeline (unknown text, miss, bypass)',
      ['outcome'],
    ),
  };
}
