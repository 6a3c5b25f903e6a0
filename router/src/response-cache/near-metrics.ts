import { Counter, Gauge, type Registry } from 'prom-client';
import type { NearStore } from './near-store.ts';

/**
 * The near cache's metrics, read from its counts when scraped: the read path only adds to plain
 * numbers, where a labelled prom-client increment per hit would cost about what the hit's
 * lookup does.
 */
export function registerNearCacheMetrics(
  registry: Registry,
  near: Pick<NearStore<unknown>, 'holding' | 'stats'>,
): void {
  const registers = [registry];
  new Counter({
    name: 'response_cache_near_reads_total',
    help: 'Cache keys read through the near cache: held (answered in process), fetched (from Redis, then held), untracked (from Redis alone while key tracking is down)',
    labelNames: ['outcome'],
    registers,
    collect() {
      const { held, fetched, untracked } = near.stats();
      this.reset();
      this.inc({ outcome: 'held' }, held);
      this.inc({ outcome: 'fetched' }, fetched);
      this.inc({ outcome: 'untracked' }, untracked);
    },
  });
  new Counter({
    name: 'response_cache_near_invalidated_keys_total',
    help: 'Cache keys Redis reported changed to this instance: every change under the prefix, by any instance (broadcast tracking)',
    registers,
    collect() {
      this.reset();
      this.inc(near.stats().invalidatedKeys);
    },
  });
  new Gauge({
    name: 'response_cache_near_bytes',
    help: 'Size of the responses the near cache holds in this process',
    registers,
    collect() {
      this.set(near.stats().heldBytes);
    },
  });
  new Gauge({
    name: 'response_cache_near_tracking',
    help: '1 while Redis tracks the cache keys for this instance (the near cache holds reads), else 0',
    registers,
    collect() {
      this.set(near.holding ? 1 : 0);
    },
  });
}
