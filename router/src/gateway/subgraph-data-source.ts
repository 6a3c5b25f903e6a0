import { STATUS_CODES } from 'node:http';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { AppError } from '@travel/errors';
import type { Logger } from '@travel/logger';
import { injectTraceContext } from '@travel/tracing';
import { GraphQLError } from 'graphql';
import type { RouterContext } from '../context.ts';
import { announcedEntities } from '../response-cache/announced-entities.ts';
import { cacheHintOf } from './cache-hint.ts';
import { type InflightFetches, inflightKey } from './inflight-fetches.ts';
import type { SubgraphReply, SubgraphTransport } from './subgraph-transport.ts';

type Options = GraphQLDataSourceProcessOptions<RouterContext>;
type Response = Awaited<ReturnType<GraphQLDataSource<RouterContext>['process']>>;

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  /** How requests go out (one transport, so one connection pool, for every subgraph). */
  transport: SubgraphTransport;
  /**
   * Fetches in flight, shared by every subgraph's data source, that an operation's identical
   * query fetch may join (queries only: same subgraph, body and `Authorization`); absent:
   * every fetch is sent (SUBGRAPH_DEDUP=false).
   */
  inflight?: InflightFetches<SubgraphReply>;
  /** Called once per failed subgraph call (network error, timeout, non-2xx, not JSON). */
  onFetchError(subgraph: string): void;
  /** Called once per subgraph call made, failed or not, with its duration in seconds. */
  onFetchDone(subgraph: string, seconds: number): void;
  /** Called once per operation fetch answered by joining an identical one in flight. */
  onFetchDeduplicated(subgraph: string): void;
  log: Pick<Logger, 'warn'>;
}

/**
 * Calls one subgraph on behalf of a client (the gateway's `GraphQLDataSource`): forwards the
 * client's `Authorization` (subgraphs verify it again and authorize per field), the request
 * id, the client's address (`X-Forwarded-For`, for sign-in throttling) and the trace
 * (`traceparent`); times every call and counts failed ones. Identical query fetches in flight
 * together are sent once; each operation still reads its own copy of the answer, restricts its
 * own cache policy and collects its own invalidations.
 */
export function createSubgraphDataSource(
  options: SubgraphDataSourceOptions,
): GraphQLDataSource<RouterContext> {
  const { name, transport, log, inflight } = options;
  const url = new URL(options.url);

  /** The call itself, made once however many operations share it. */
  async function call(body: string, headers: Record<string, string>): Promise<SubgraphReply> {
    const started = performance.now();
    try {
      const reply = await transport.send(url, body, headers);
      if (failed(reply)) {
        options.onFetchError(name);
        log.warn({ subgraph: name, status: reply.status }, 'subgraph call failed');
      }
      return reply;
    } catch (error) {
      options.onFetchError(name);
      log.warn({ err: error, subgraph: name }, 'subgraph call failed');
      throw error;
    } finally {
      options.onFetchDone(name, (performance.now() - started) / 1000);
    }
  }

  return {
    async process(processOptions: Options): Promise<Response> {
      const { request } = processOptions;
      if (!request.query) throw new Error('Missing query');
      const incoming =
        'incomingRequestContext' in processOptions
          ? processOptions.incomingRequestContext
          : undefined;
      // Health checks and schema loads carry no client context.
      const context = incoming?.context as Partial<RouterContext> | undefined;
      const body = JSON.stringify({
        query: request.query,
        variables: request.variables,
        operationName: request.operationName,
        extensions: request.extensions,
      });
      const headers = outgoingHeaders(request.http?.headers, context);

      // A write (and every fetch of its plan) is always sent; so is a re-read for a
      // subscription event (no `receivedAt`), which must see the write the event announced.
      const since = context?.receivedAt;
      let reply: SubgraphReply;
      try {
        if (
          inflight &&
          context &&
          since !== undefined &&
          incoming?.operation?.operation === 'query'
        ) {
          const key = inflightKey(name, body, context.authorization);
          const shared = inflight.run(key, () => call(body, headers));
          if (shared.joined) {
            options.onFetchDeduplicated(name);
            // Sent before this operation arrived, so maybe before a write whose invalidation
            // the response cache already showed it: its answer must not be cached.
            if (shared.startedAt < since) context.sharedEarlierFetch = true;
          }
          reply = await shared.value;
        } else {
          reply = await call(body, headers);
        }
      } catch {
        // A fresh error per operation: the gateway may annotate it. Logged once, in `call`.
        throw unavailable(name);
      }

      // From here on, per operation: its own parsed copy (the gateway merges into it).
      const response = responseOf(name, reply);
      const announced = announcedEntities(response.extensions);
      if (context && announced.length > 0) {
        // A write: no operation arriving from now on may join a fetch sent before it
        // (read-your-writes). The client sees this answer only after this point.
        inflight?.forget();
        context.invalidatedEntities ??= new Set();
        for (const tag of announced) context.invalidatedEntities.add(tag);
      }
      const policy = incoming?.overallCachePolicy;
      if (policy && 'restrict' in policy) policy.restrict(cacheHintOf(reply.cacheControl));
      return response;
    },
  };
}

function outgoingHeaders(
  fromGateway: Iterable<[string, string]> | undefined,
  context: Partial<RouterContext> | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  // What the gateway itself asks of the subgraph (none unless usage tracing were on).
  if (fromGateway) for (const [key, value] of fromGateway) headers[key.toLowerCase()] = value;
  headers['content-type'] = 'application/json';
  const { authorization, requestId, clientAddress } = context ?? {};
  if (authorization) headers.authorization = authorization;
  if (requestId) headers['x-request-id'] = requestId;
  // The address the router settled on, alone: subgraphs trust it from the router only.
  if (clientAddress) headers['x-forwarded-for'] = clientAddress;
  // The gateway runs this inside its `gateway.fetch` span: the subgraph's spans become its
  // children. Nothing is set when tracing is off.
  injectTraceContext((key, value) => {
    headers[key] = value;
  });
  return headers;
}

function failed(reply: SubgraphReply): boolean {
  return reply.status < 200 || reply.status > 299 || !isJson(reply.contentType);
}

function isJson(contentType: string | undefined): boolean {
  return (
    contentType !== undefined &&
    (contentType.startsWith('application/json') ||
      contentType.startsWith('application/graphql-response+json'))
  );
}

/**
 * A 2xx JSON answer is the subgraph's response, parsed afresh for each caller. A subgraph that
 * refused the credentials (401/403) is reported as such by the error formatter (the error
 * carries `extensions.response`, as @apollo/gateway's did). Any other failure — unreachable,
 * timed out, a 5xx, not JSON — reaches the client as SERVICE_UNAVAILABLE naming the subgraph
 * (clear, retryable), while its cause, which names internal hosts, stays in the log.
 */
function responseOf(name: string, reply: SubgraphReply): Response {
  const { status } = reply;
  if (status === 401 || status === 403) {
    const statusText = STATUS_CODES[status] ?? '';
    throw new GraphQLError(`${status}: ${statusText}`, {
      extensions: {
        code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN',
        response: { status, statusText, body: parsedOrText(reply.body) },
      },
    });
  }
  if (failed(reply)) throw unavailable(name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.body);
  } catch {
    throw unavailable(name);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw unavailable(name);
  }
  return parsed as Response;
}

function parsedOrText(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function unavailable(name: string): AppError {
  return new AppError(`The ${name} service is unavailable`, 'SERVICE_UNAVAILABLE', {
    service: name,
  });
}
