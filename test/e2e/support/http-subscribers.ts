import { createHash } from 'node:crypto';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { createClient as createSseClient } from 'graphql-sse';
import type { SubscribingClient } from './subscriber.ts';

/**
 * Apollo Client 4 with an `HttpLink` only: it sends subscriptions over HTTP with
 * `accept: multipart/mixed;subscriptionSpec=1.0`. Errors (GraphQL or protocol) end the
 * subscription as Apollo Client reports them (CombinedGraphQLErrors, CombinedProtocolErrors).
 */
export function apolloMultipartClient(
  url: string,
  headers: Record<string, string> = {},
  { byId = false }: { byId?: boolean } = {},
): SubscribingClient {
  const http = new HttpLink({ uri: url, headers });
  // A partner's app: its persisted query link sends the hash of the document, never the text.
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const client = new ApolloClient({
    cache: new InMemoryCache(),
    link: byId ? new PersistedQueryLink({ sha256, retry: () => false }).concat(http) : http,
  });
  return {
    subscribe(request, sink) {
      const subscription = client
        .subscribe({
          query: gql(request.query),
          variables: request.variables,
          fetchPolicy: 'no-cache',
        })
        .subscribe({
          next: (result) =>
            result.error ? sink.error(result.error) : sink.next({ data: result.data }),
          error: (error) => sink.error(error),
          complete: () => sink.complete(),
        });
      return () => subscription.unsubscribe();
    },
  };
}

/**
 * graphql-sse's client, distinct connections mode (one stream per subscription). A result of
 * errors only is how a graphql-sse server refuses an operation: reported as the failure, as
 * graphql-ws reports an `error` message.
 */
export function sseClient(url: string, headers: Record<string, string> = {}): SubscribingClient {
  const client = createSseClient({ url, headers, retryAttempts: 0 });
  return {
    subscribe: (request, sink) =>
      client.subscribe(request, {
        next: (result) =>
          result.errors && result.data === undefined
            ? sink.error(result.errors)
            : sink.next(result),
        error: (error) => sink.error(error),
        complete: () => sink.complete(),
      }),
  };
}

/** The codes of a subscription's failure, whichever client reported it. */
export function codesOf(failure: unknown): unknown[] {
  const errors = Array.isArray(failure)
    ? failure
    : ((failure as { errors?: unknown[] } | undefined)?.errors ?? []);
  return errors.map((error) => (error as { extensions?: { code?: unknown } }).extensions?.code);
}

export interface RawStream {
  status: number;
  contentType: string | null;
  /** JSON parts (multipart) or `next` events (SSE) read so far; heartbeats included as `{}`. */
  parts: unknown[];
  /** Resolves when the server ended the body, with every part. */
  ended: Promise<unknown[]>;
  /** The body as read so far. */
  text(): string;
  cancel(): void;
}

/**
 * A subscription as curl sends it: one POST, the body read as it arrives. Parts are split on
 * Apollo's multipart boundary or SSE's blank line; a JSON body (a refusal) is one part.
 */
export async function postStream(
  url: string,
  body: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<RawStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  const contentType = response.headers.get('content-type');
  const parts: unknown[] = [];
  let text = '';
  const sse = contentType?.startsWith('text/event-stream') ?? false;
  const multipart = contentType?.startsWith('multipart/mixed') ?? false;
  const parse = () => {
    parts.length = 0;
    if (multipart) {
      // A part is whole once the next boundary follows it.
      for (const chunk of text.split('\r\n--graphql').slice(1, -1)) {
        const at = chunk.indexOf('\r\n\r\n');
        if (at !== -1) parts.push(JSON.parse(chunk.slice(at + 4)));
      }
    } else if (sse) {
      for (const event of text.split('\n\n').slice(0, -1)) {
        if (event.startsWith(':')) parts.push({});
        const data = /^event: next\ndata: (.*)$/s.exec(event)?.[1];
        if (data) parts.push(JSON.parse(data));
      }
    }
  };
  const ended = (async () => {
    const decoder = new TextDecoder();
    const reader = response.body?.getReader();
    try {
      for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
        text += decoder.decode(read.value, { stream: true });
        parse();
      }
    } catch {
      // cancelled
    }
    if (!multipart && !sse && text) parts.push(JSON.parse(text));
    return parts;
  })();
  return {
    status: response.status,
    contentType,
    parts,
    ended,
    text: () => text,
    cancel: () => controller.abort(),
  };
}

export const MULTIPART_ACCEPT = {
  accept: 'multipart/mixed;subscriptionSpec=1.0, application/json',
};
export const SSE_ACCEPT = { accept: 'text/event-stream' };
