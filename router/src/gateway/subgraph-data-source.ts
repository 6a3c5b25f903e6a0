import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { RouterContext } from '../context.ts';
import { announcedEntities } from '../response-cache/announced-entities.ts';

/** The gateway's fetch signature (node-fetch flavoured). */
export type Fetcher = RemoteGraphQLDataSource['fetcher'];

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  /** How requests go out; see `createSubgraphFetcher`. */
  fetcher: Fetcher;
  /** Called once per failed subgraph call (network error, timeout, non-2xx). */
  onFetchError(subgraph: string): void;
}

/**
 * Calls one subgraph on behalf of a client: forwards the client's `Authorization` (subgraphs
 * verify it again and authorize per field) and the request id; counts failed calls.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  readonly #name: string;
  readonly #onFetchError: (subgraph: string) => void;

  constructor({ name, url, fetcher, onFetchError }: SubgraphDataSourceOptions) {
    super({ url, fetcher });
    this.#name = name;
    this.#onFetchError = onFetchError;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>) {
    // Health checks and schema loads carry no client context.
    const { authorization, requestId } = context as Partial<RouterContext>;
    if (authorization) request.http?.headers.set('authorization', authorization);
    if (requestId) request.http?.headers.set('x-request-id', requestId);
  }

  /** Collects the entities a write announced changed, for the response cache to drop. */
  override didReceiveResponse({
    response,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<RouterContext>['didReceiveResponse']>>[0]) {
    const announced = announcedEntities(response.extensions);
    if (announced.length > 0) {
      const routerContext = context as Partial<RouterContext>;
      routerContext.invalidatedEntities ??= new Set();
      for (const tag of announced) routerContext.invalidatedEntities.add(tag);
    }
    return response;
  }

  override didEncounterError(error: Error): void {
    this.#onFetchError(this.#name);
    throw error;
  }
}

/**
 * Node's own fetch (undici): it keeps connections to subgraphs alive and, measured here, runs
 * faster than the gateway's default make-fetch-happen. Each call is cut off after `timeoutMs`.
 */
export function createSubgraphFetcher(timeoutMs: number): Fetcher {
  return ((url: string, init?: RequestInit) =>
    fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;
}
