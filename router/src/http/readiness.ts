import type { SubgraphEndpoint } from '../gateway/subgraphs.ts';
import { readinessUrlOf } from '../gateway/subgraphs.ts';

export interface ReadinessOptions {
  /** Subgraphs of the supergraph in service; undefined while none is loaded. */
  subgraphs(): readonly SubgraphEndpoint[] | undefined;
  /** A report is reused this long, so probes from many balancers cost the subgraphs little. Default 2000 ms. */
  cacheMs?: number;
  /** A subgraph's `/readyz` slower than this counts as down. Default 2000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface ReadinessReport {
  ready: boolean;
  supergraph: 'loaded' | 'not loaded';
  subgraphs: Record<string, 'ready' | 'unavailable'>;
}

/** The router is ready when a supergraph is loaded and every subgraph's `/readyz` answers 2xx. */
export function createReadiness(options: ReadinessOptions): () => Promise<ReadinessReport> {
  const { cacheMs = 2000, timeoutMs = 2000, fetch: fetchFn = fetch, now = Date.now } = options;
  let cached: { at: number; report: Promise<ReadinessReport> } | undefined;

  const probe = async (url: string): Promise<'ready' | 'unavailable'> => {
    try {
      const res = await fetchFn(readinessUrlOf(url), { signal: AbortSignal.timeout(timeoutMs) });
      await res.body?.cancel();
      return res.ok ? 'ready' : 'unavailable';
    } catch {
      return 'unavailable';
    }
  };

  const check = async (): Promise<ReadinessReport> => {
    const subgraphs = options.subgraphs();
    if (!subgraphs) return { ready: false, supergraph: 'not loaded', subgraphs: {} };
    const states = await Promise.all(subgraphs.map(async (s) => [s.name, await probe(s.url)]));
    const report = Object.fromEntries(states) as ReadinessReport['subgraphs'];
    const ready = Object.values(report).every((state) => state === 'ready');
    return { ready, supergraph: 'loaded', subgraphs: report };
  };

  return () => {
    const at = now();
    if (!cached || at - cached.at >= cacheMs) cached = { at, report: check() };
    return cached.report;
  };
}
