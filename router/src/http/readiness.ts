import type { SubgraphEndpoint } from '../gateway/subgraphs.ts';
import { readinessUrlOf } from '../gateway/subgraphs.ts';

export interface ReadinessOptions {
  /** Subgraphs of the supergraph in service; undefined while none is loaded. */
  subgraphs(): readonly SubgraphEndpoint[] | undefined;
  /** True once shutdown began: the router answers 503 so balancers send elsewhere. */
  draining(): boolean;
  /** A report is reused this long, so probes from many balancers cost the subgraphs little. Default 2000 ms. */
  cacheMs?: number;
  /** A subgraph's `/readyz` slower than this counts as down. Default 2000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export type SubgraphState = 'ready' | 'unavailable';

/**
 * `ready`: a supergraph is loaded and every subgraph answers. `degraded`: still serving, but
 * the fields of the subgraphs listed `unavailable` fail. `unavailable`: no supergraph (it can
 * serve nothing). `draining`: shutting down.
 */
export type ReadinessStatus = 'ready' | 'degraded' | 'unavailable' | 'draining';

export interface ReadinessReport {
  status: ReadinessStatus;
  supergraph: 'loaded' | 'not loaded';
  subgraphs: Record<string, SubgraphState>;
}

/** Only a router that can serve nothing (or is leaving) is unready: one subgraph down is not. */
export function isReady({ status }: ReadinessReport): boolean {
  return status === 'ready' || status === 'degraded';
}

/**
 * The router's readiness: it can serve while it has a supergraph. A subgraph that is down
 * degrades it but does not make it unready, or a readiness-gated load balancer would take the
 * whole API offline for one subgraph (every router instance sees the same subgraphs).
 */
export function createReadiness(options: ReadinessOptions): () => Promise<ReadinessReport> {
  const { cacheMs = 2000, timeoutMs = 2000, fetch: fetchFn = fetch, now = Date.now } = options;
  let cached: { at: number; report: Promise<ReadinessReport> } | undefined;

  const probe = async (url: string): Promise<SubgraphState> => {
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
    if (!subgraphs) return { status: 'unavailable', supergraph: 'not loaded', subgraphs: {} };
    const states = await Promise.all(subgraphs.map(async (s) => [s.name, await probe(s.url)]));
    const report = Object.fromEntries(states) as ReadinessReport['subgraphs'];
    const allReady = Object.values(report).every((state) => state === 'ready');
    return { status: allReady ? 'ready' : 'degraded', supergraph: 'loaded', subgraphs: report };
  };

  return async () => {
    // Not cached: a balancer must see the shutdown at its very next probe.
    if (options.draining()) {
      return {
        status: 'draining',
        supergraph: options.subgraphs() ? 'loaded' : 'not loaded',
        subgraphs: {},
      };
    }
    const at = now();
    if (!cached || at - cached.at >= cacheMs) cached = { at, report: check() };
    return cached.report;
  };
}
