import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerNearCacheMetrics } from './near-metrics.ts';
import type { NearCacheStats } from './near-store.ts';

describe('registerNearCacheMetrics', () => {
  it("reports the near cache's counts as they are when scraped", async () => {
    const registry = new Registry();
    let stats: NearCacheStats = {
      held: 5,
      fetched: 2,
      untracked: 0,
      invalidatedKeys: 7,
      heldBytes: 1024,
    };
    let holding = true;
    registerNearCacheMetrics(registry, {
      stats: () => stats,
      get holding() {
        return holding;
      },
    });
    const first = await registry.metrics();
    expect(first).toContain('response_cache_near_reads_total{outcome="held"} 5');
    expect(first).toContain('response_cache_near_reads_total{outcome="fetched"} 2');
    expect(first).toContain('response_cache_near_reads_total{outcome="untracked"} 0');
    expect(first).toContain('response_cache_near_invalidated_keys_total 7');
    expect(first).toContain('response_cache_near_bytes 1024');
    expect(first).toContain('response_cache_near_tracking 1');

    stats = { ...stats, held: 9, untracked: 3, heldBytes: 0 };
    holding = false;
    const second = await registry.metrics();
    expect(second).toContain('response_cache_near_reads_total{outcome="held"} 9');
    expect(second).toContain('response_cache_near_reads_total{outcome="untracked"} 3');
    expect(second).toContain('response_cache_near_bytes 0');
    expect(second).toContain('response_cache_near_tracking 0');
  });
});
