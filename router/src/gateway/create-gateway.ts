import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import type { Logger } from '@travel/logger';
import type { RouterContext } from '../context.ts';
import { createPlanExecutor } from './executor/plan-executor.ts';
import { createInflightFetches } from './inflight-fetches.ts';
import { createSubgraphDataSource } from './subgraph-data-source.ts';
import { createSubgraphTransport, type SubgraphReply } from './subgraph-transport.ts';
import { resolveSubgraphUrl, type SubgraphEndpoint, subgraphsOf } from './subgraphs.ts';
import { supergraphFromFile } from './supergraph-file.ts';

export interface GatewayOptions {
  supergraphPath: string;
  /** `SUBGRAPH_URL_<NAME>` overrides of the composed URLs (see config). */
  subgraphUrls: Readonly<Record<string, string>>;
  subgraphTimeoutMs: number;
  /** Connections kept per subgraph (SUBGRAPH_MAX_CONNECTIONS); default 32. */
  subgraphMaxConnections?: number;
  /** Identical query fetches in flight together are sent once (SUBGRAPH_DEDUP); default true. */
  dedup?: boolean;
  /**
   * Query plans run by the router's executor (executor/plan-executor.ts); false: by
   * @apollo/gateway's own (PLAN_EXECUTOR=apollo, and whenever tracing is on, for its spans).
   * Default true.
   */
  planExecutor?: boolean;
  log: Logger;
  onFetchError(subgraph: string): void;
  /** Called once per subgraph call made, failed or not, with its duration in seconds. */
  onFetchDone(subgraph: string, seconds: number): void;
  /** Called once per fetch answered by an identical one in flight instead of a call. */
  onFetchDeduplicated(subgraph: string): void;
  /** Called with the entity representations a fetch did not send (plan executor only). */
  onRepresentationsDeduplicated?(subgraph: string, count: number): void;
  /**
   * Called with the subgraph calls not made, their entity fetches batched into another call
   * of the same `Parallel` step (plan executor only).
   */
  onFetchesBatched?(subgraph: string, count: number): void;
  /** See `supergraphFromFile`; default 100 ms. */
  reloadDebounceMs?: number;
}

export interface Gateway {
  gateway: ApolloGateway;
  /** The subgraphs of the supergraph in service, at the URLs called; undefined before load. */
  subgraphs(): readonly SubgraphEndpoint[] | undefined;
  /** Closes the connections kept alive to the subgraphs; after the gateway stopped. */
  close(): Promise<void>;
}

/** The federated executor over the supergraph file, calling subgraphs as the client. */
export function createGateway(options: GatewayOptions): Gateway {
  const { subgraphUrls, log, onFetchError, onFetchDone, onFetchDeduplicated } = options;
  const transport = createSubgraphTransport({
    timeoutMs: options.subgraphTimeoutMs,
    maxConnections: options.subgraphMaxConnections ?? 32,
  });
  // One map for every subgraph: a write to one clears them all (subgraph-data-source.ts).
  const inflight = options.dedup === false ? undefined : createInflightFetches<SubgraphReply>();
  // The data source of each subgraph in service, for the router's executor.
  const services = new Map<string, GraphQLDataSource<RouterContext>>();
  const gateway = new ApolloGateway({
    logger: log,
    supergraphSdl: supergraphFromFile({
      path: options.supergraphPath,
      log,
      debounceMs: options.reloadDebounceMs,
    }),
    buildService({ name, url }) {
      if (!url) throw new Error(`subgraph ${name} has no URL in the supergraph`);
      const target = resolveSubgraphUrl({ name, url }, subgraphUrls);
      const source = createSubgraphDataSource({
        name,
        url: target,
        transport,
        inflight,
        onFetchError,
        onFetchDone,
        onFetchDeduplicated,
        log,
      });
      services.set(name, source);
      return source;
    },
  });
  if (options.planExecutor !== false) {
    const plans = createPlanExecutor({
      stock: gateway.executor,
      services,
      log,
      onRepresentationsDeduplicated: options.onRepresentationsDeduplicated ?? (() => undefined),
      onFetchesBatched: options.onFetchesBatched ?? (() => undefined),
    });
    gateway.onSchemaLoadOrUpdate(plans.onSchemaLoadOrUpdate);
    // Before `load()`, which hands `executor` to Apollo Server; subscriptions call it too.
    gateway.executor = plans.executor;
  }
  let current: SubgraphEndpoint[] | undefined;
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    current = subgraphsOf(coreSupergraphSdl).map((endpoint) => ({
      name: endpoint.name,
      url: resolveSubgraphUrl(endpoint, subgraphUrls),
    }));
  });
  return { gateway, subgraphs: () => current, close: () => transport.close() };
}
