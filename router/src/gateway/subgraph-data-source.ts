import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { AppError } from '@travel/errors';
import type { Logger } from '@travel/logger';
import { injectTraceContext } from '@travel/tracing';
import { GraphQLError } from 'graphql';
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
  /** Called once per subgraph call, failed or not, with its duration in seconds. */
  onFetchDone(subgraph: string, seconds: number): void;
  log: Pick<Logger, 'warn'>;
}

/**
 * Calls one subgraph on behalf of a client: forwards the client's `Authorization` (subgraphs
 * verify it again and authorize per field), the request id, the client's address
 * (`X-Forwarded-For`, for sign-in throttling) and the trace (`traceparent`); times every call
 * and counts failed ones.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  readonly #name: string;
  readonly #onFetchError: (subgraph: string) => void;
  readonly #onFetchDone: (subgraph: string, seconds: number) => void;
  readonly #log: Pick<Logger, 'warn'>;

  constructor({ name, url, fetcher, onFetchError, onFetchDone, log }: SubgraphDataSourceOptions) {
    super({ url, fetcher });
    this.#name = name;
    this.#onFetchError = onFetchError;
    this.#onFetchDone = onFetchDone;
    this.#log = log;
  }

  /** The whole call as the gateway sees it: sending, waiting, reading the answer. */
  override async process(
    options: GraphQLDataSourceProcessOptions<RouterContext>,
  ): ReturnType<RemoteGraphQLDataSource<RouterContext>['process']> {
    const started = performance.now();
    try {
      return await super.process(options);
    } finally {
      this.#onFetchDone(this.#name, (performance.now() - started) / 1000);
    }
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>) {
    // Health checks and schema loads carry no client context.
    const { authorization, requestId, clientAddress } = context as Partial<RouterContext>;
    if (authorization) request.http?.headers.set('authorization', authorization);
    if (requestId) request.http?.headers.set('x-request-id', requestId);
    // The address the router settled on, alone: subgraphs trust it from the router only.
    if (clientAddress) request.http?.headers.set('x-forwarded-for', clientAddress);
    // The gateway runs this inside its `gateway.fetch` span: the subgraph's spans become its
    // children. Nothing is set when tracing is off.
    const headers = request.http?.headers;
    if (headers) injectTraceContext((name, value) => headers.set(name, value));
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

  /**
   * A subgraph that refused the credentials (401/403) is reported as such by the error
   * formatter. Any other failure — unreachable, timed out, a 5xx — reaches the client as
   * SERVICE_UNAVAILABLE naming the subgraph (clear, retryable), while its cause, which names
   * internal hosts, stays in the log.
   */
  override didEncounterError(error: Error): void {
    this.#onFetchError(this.#name);
    const status = error instanceof GraphQLError ? httpStatusOf(error) : undefined;
    if (status === 401 || status === 403) throw error;
    this.#log.warn({ err: error, subgraph: this.#name }, 'subgraph call failed');
    throw new AppError(`The ${this.#name} service is unavailable`, 'SERVICE_UNAVAILABLE', {
      service: this.#name,
    });
  }
}

function httpStatusOf(error: GraphQLError): number | undefined {
  const response = error.extensions.response as { status?: unknown } | undefined;
  return typeof response?.status === 'number' ? response.status : undefined;
}

/**
 * Node's own fetch (undici): it keeps connections to subgraphs alive and, measured here, runs
 * faster than the gateway's default make-fetch-happen. Each call is cut off after `timeoutMs`:
 * the abort closes its connection (an HTTP/1.1 request can not be withdrawn otherwise), which
 * is how the subgraph learns to stop working on it (subgraph-kit's request-signal.ts).
 */
export function createSubgraphFetcher(timeoutMs: number): Fetcher {
  return ((url: string, init?: RequestInit) =>
    fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;
}
