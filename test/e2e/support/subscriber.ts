import { eventually } from '@travel/testing';
import type { FormattedExecutionResult } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** The router's subscription URL: its HTTP URL with the ws scheme (same host, same path). */
export const wsUrl = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

export interface Closed {
  code: number;
  reason: string;
}

export interface Connection {
  client: Client;
  /** Resolves with the first close of the socket (never rejects). */
  closed: Promise<Closed>;
  dispose(): Promise<void>;
}

/** A real graphql-ws client over `ws`, no retries unless asked (tests see every close). */
export function connect(
  httpUrl: string,
  connectionParams: Record<string, unknown> = {},
  options: { retryAttempts?: number; lazy?: boolean } = {},
): Connection {
  let onClosed: (closed: Closed) => void = () => {};
  const closed = new Promise<Closed>((resolve) => {
    onClosed = resolve;
  });
  const client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams,
    lazy: options.lazy ?? false,
    retryAttempts: options.retryAttempts ?? 0,
    retryWait: async () => new Promise((resolve) => setTimeout(resolve, 100)),
    // A refused connection_init is reported through `closed`; keep it from surfacing unhandled.
    onNonLazyError: () => {},
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string | Buffer };
        onClosed({ code, reason: String(reason) });
      },
    },
  });
  return { client, closed, dispose: () => client.dispose() as Promise<void> };
}

export interface Subscription<T = Record<string, any>> {
  results: FormattedExecutionResult<T, unknown>[];
  /** Set when the server answered the subscription with an error (or the socket failed). */
  error: unknown;
  /** The `n`-th result (1-based), waiting for it up to `timeoutMs`. */
  result(n?: number, timeoutMs?: number): Promise<FormattedExecutionResult<T, unknown>>;
  /** The subscription's error, waiting for it up to `timeoutMs`. */
  failure(timeoutMs?: number): Promise<unknown>;
  unsubscribe(): void;
}

/** What a subscription request may carry besides its text (a persisted id). */
export interface SubscribeRequest {
  query?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

/**
 * What the three transports' clients share: graphql-ws's and graphql-sse's
 * `subscribe(request, sink)`, and Apollo Client's over multipart (support/multipart.ts).
 */
export interface SubscribingClient {
  subscribe(
    request: any,
    sink: { next(value: any): void; error(error: unknown): void; complete(): void },
  ): () => void;
}

/** A partner's listed operation, sent by id (`extensions.persistedQuery`), never as text. */
export const byId = (sha256Hash: string): SubscribeRequest => ({
  // graphql-ws requires a string; an empty one is no text at all.
  query: '',
  extensions: { persistedQuery: { version: 1, sha256Hash } },
});

/** Subscribes and collects everything that arrives. */
export function subscribe<T = Record<string, any>>(
  client: SubscribingClient | Client,
  query: string | SubscribeRequest,
  variables: Record<string, unknown> = {},
): Subscription<T> {
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  const subscription: Subscription<T> = {
    results: [],
    error: undefined,
    result: (n = 1, timeoutMs = 5000) =>
      waitFor(() => subscription.results[n - 1], timeoutMs, `result #${n}`),
    failure: (timeoutMs = 5000) => waitFor(() => subscription.error, timeoutMs, 'an error'),
    unsubscribe: () => {},
  };
  function waitFor<V>(read: () => V | undefined, timeoutMs: number, what: string): Promise<V> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = read();
        if (value === undefined) return false;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${what} within ${timeoutMs} ms (got ${subscription.results.length})`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });
  }
  const request = typeof query === 'string' ? { query } : query;
  subscription.unsubscribe = (client as SubscribingClient).subscribe(
    { ...request, variables },
    {
      next: (result: FormattedExecutionResult<T, unknown>) => {
        subscription.results.push(result);
        notify();
      },
      error: (error) => {
        subscription.error = error ?? new Error('subscription failed');
        notify();
      },
      complete: () => {},
    },
  );
  return subscription;
}

/** Polls a router's `/metrics` until a gauge (summed over its labels) reaches `value`. */
export async function waitForGauge(
  httpUrl: string,
  name: string,
  value: number,
  timeoutMs = 10_000,
): Promise<void> {
  const metricsUrl = new URL('/metrics', httpUrl).toString();
  let last = Number.NaN;
  await eventually(
    async () => {
      const text = await (await fetch(metricsUrl)).text();
      // Summed over the gauge's label sets (`{transport=…}`), as `sum()` reads it.
      const lines = text
        .split('\n')
        .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
      last = lines.length
        ? lines.reduce((sum, l) => sum + Number(l.split(' ').pop()), 0)
        : Number.NaN;
      return last === value;
    },
    timeoutMs,
    20,
  ).catch(() => {
    throw new Error(`${name} stayed ${last}, expected ${value}`);
  });
}
