import type { Logger } from '@travel/logger';
import { SpanKind, type Tracer, traceHeaders, withSpan } from '@travel/tracing';
import CircuitBreaker from 'opossum';
import { Agent } from 'undici';
import { isCancellation } from '../request-signal.ts';
import { createDeadlines } from './deadlines.ts';
import { type Attempt, postGraphQL, SubgraphCallError } from './post-graphql.ts';

export interface BreakerOptions {
  /** Whole-call deadline, retries included; default 2500 ms. */
  deadlineMs?: number;
  /** Time the circuit stays open before one trial call; default 10 000 ms. */
  resetTimeoutMs?: number;
  /** Failed share of recent calls that opens the circuit; default 50 (%). */
  errorThresholdPercentage?: number;
  /** Calls seen before the circuit may open (one blip must not stop everything); default 5. */
  volumeThreshold?: number;
}

export interface SubgraphClientOptions {
  /** Who is called, for logs and spans (`hotels`). */
  name: string;
  /** Its GraphQL endpoint; a function when it is known later (the router's supergraph). */
  url: string | (() => string | undefined);
  /**
   * Time allowed to one attempt, answer included; default 1000 ms. An attempt is cut at the
   * latest a tenth of it (100 ms at most) later (see `createDeadlines`).
   */
  timeoutMs?: number;
  /** Extra attempts after a network error or a 5xx (never after a timeout); default 0. */
  retries?: number;
  /** Wait before the first retry, doubled before each next one; default 100 ms. */
  backoffMs?: number;
  /** A circuit breaker (opossum) around each whole call; default none. */
  breaker?: BreakerOptions;
  /** A CLIENT span per call (retries inside it), in the caller's trace; default none. */
  tracer?: Tracer;
  /** Where the breaker says it opened; default nowhere. */
  log?: Pick<Logger, 'warn'>;
}

export interface SubgraphCall {
  variables?: Record<string, unknown>;
  /** Forwarded as is: the callee applies its own rules to the caller's token. */
  authorization?: string;
  /** Forwarded as `x-request-id`, so both services' logs name the request. */
  requestId?: string;
  /**
   * Stops the call, rejecting with its reason: the signal of the request this call is made for
   * (`ctx.signal`), so that it stops with that request.
   */
  signal?: AbortSignal;
}

export interface SubgraphClient {
  /**
   * POSTs `query` and returns the parsed answer (`{ data, errors }`, as the callee sent it).
   * Throws SubgraphCallError when no usable answer came (network, timeout, HTTP status, open
   * circuit), or the request's cancellation as is.
   */
  query(query: string, call?: SubgraphCall): Promise<unknown>;
  /** Stops the breaker's timers and closes kept-alive connections. */
  close(): Promise<void>;
}

/** The one way a service calls another subgraph (or a router calls one) over HTTP. */
export function createSubgraphClient(options: SubgraphClientOptions): SubgraphClient {
  const { name, timeoutMs = 1000, retries = 0, backoffMs = 100, tracer } = options;
  const agent = new Agent();
  const deadline = createDeadlines(timeoutMs);
  const urlOf = typeof options.url === 'string' ? () => options.url as string : options.url;

  const attempts = async (query: string, call: SubgraphCall) => {
    const url = urlOf();
    if (!url) throw new SubgraphCallError(`${name}: address not known yet`, false);
    const attempt: Attempt = {
      url: new URL(url),
      body: JSON.stringify({ query, variables: call.variables ?? {} }),
      timeoutMs,
      cancellation: call.signal,
      headers: {
        'content-type': 'application/json',
        ...(call.authorization ? { authorization: call.authorization } : {}),
        ...(call.requestId ? { 'x-request-id': call.requestId } : {}),
        // `traceparent` of the span running now (none when tracing is off).
        ...traceHeaders(),
      },
    };
    for (let retry = 0; ; retry++) {
      try {
        return await postGraphQL(agent, attempt, deadline());
      } catch (error) {
        if (!(error instanceof SubgraphCallError) || !error.retriable || retry >= retries) {
          throw error;
        }
        await delay(backoffMs * 2 ** retry, attempt.cancellation);
      }
    }
  };
  const traced = (query: string, call: SubgraphCall) =>
    withSpan(tracer, `POST ${name}`, () => attempts(query, call), {
      kind: SpanKind.CLIENT,
      attributes: { 'server.name': name, 'url.full': urlOf() ?? '' },
    });

  const breaker = options.breaker && createBreaker(name, traced, options.breaker, options.log);
  return {
    async query(query, call = {}) {
      if (!breaker) return traced(query, call);
      try {
        return await breaker.fire(query, call);
      } catch (error) {
        if (error instanceof SubgraphCallError || isCancellation(error) || isAbort(error)) {
          throw error;
        }
        // opossum's own refusals: the circuit is open, or the deadline passed.
        throw new SubgraphCallError(`${name}: ${(error as Error).message}`, false, {
          cause: error,
        });
      }
    },
    async close() {
      breaker?.shutdown();
      await agent.close();
    },
  };
}

function createBreaker(
  name: string,
  call: (query: string, options: SubgraphCall) => Promise<unknown>,
  options: BreakerOptions,
  log: Pick<Logger, 'warn'> | undefined,
) {
  const breaker = new CircuitBreaker(call, {
    name,
    timeout: options.deadlineMs ?? 2500,
    resetTimeout: options.resetTimeoutMs ?? 10_000,
    errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
    volumeThreshold: options.volumeThreshold ?? 5,
    // A call stopped because its request was abandoned says nothing about the callee's health.
    errorFilter: (error: unknown) => isCancellation(error) || isAbort(error),
  });
  breaker.on('open', () => log?.warn({ circuit: name }, `circuit opened: ${name} is failing`));
  return breaker;
}

const isAbort = (error: unknown) => (error as Error | undefined)?.name === 'AbortError';

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
