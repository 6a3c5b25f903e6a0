import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from '@apollo/client';
import type { FormattedExecutionResult } from 'graphql';
import { createClient } from 'graphql-sse';
import { describe, expect, it } from 'vitest';
import { multipartFraming, type StreamFraming, sseFraming } from './stream-framing.ts';

const results: FormattedExecutionResult[] = [
  { data: { bookingUpdated: { id: 'b1', status: 'PENDING' } } },
  { data: { bookingUpdated: { id: 'b1', status: 'CONFIRMED' } } },
];
const revoked = [{ message: 'API key revoked', extensions: { code: 'UNAUTHENTICATED' } }];

/** The bytes a stream writes, cut into 7-byte chunks: parts cross chunk boundaries. */
function written(framing: StreamFraming, ending: 'complete' | 'fail'): Response {
  const text =
    framing.start() +
    framing.heartbeat() +
    framing.next(results[0] ?? {}) +
    framing.heartbeat() +
    framing.next(results[1] ?? {}) +
    (ending === 'fail' ? framing.fail(revoked) : '') +
    framing.end();
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 7) controller.enqueue(bytes.slice(at, at + 7));
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': framing.contentType } });
}

const SUBSCRIPTION = gql`
  subscription {
    bookingUpdated(id: "b1") {
      id
      status
    }
  }
`;

/** What Apollo Client 4's HttpLink reads from a multipart body, until it completes or fails. */
function readWithApolloClient(response: Response) {
  const link = new HttpLink({ uri: 'http://router/graphql', fetch: async () => response });
  const client = new ApolloClient({ cache: new InMemoryCache(), link: ApolloLink.from([link]) });
  const seen: unknown[] = [];
  return new Promise<{ seen: unknown[]; error?: unknown }>((resolve) => {
    client.subscribe({ query: SUBSCRIPTION, fetchPolicy: 'no-cache' }).subscribe({
      next: (result) => seen.push(result.error ? { error: result.error } : result.data),
      error: (error) => resolve({ seen, error }),
      complete: () => resolve({ seen }),
    });
  });
}

/** What graphql-sse's client reads from an event stream (distinct connections mode). */
function readWithGraphqlSse(response: Response) {
  const client = createClient({
    url: 'http://router/graphql',
    retryAttempts: 0,
    fetchFn: async () => response,
  });
  const seen: FormattedExecutionResult[] = [];
  return new Promise<{ seen: FormattedExecutionResult[]; error?: unknown }>((resolve) => {
    client.subscribe(
      { query: 'subscription { bookingUpdated(id: "b1") { id status } }' },
      {
        next: (result) => seen.push(result as FormattedExecutionResult),
        error: (error) => resolve({ seen, error }),
        complete: () => resolve({ seen }),
      },
    );
  });
}

describe('multipart framing (Apollo multipart subscription protocol)', () => {
  it('is read part by part by Apollo Client 4, heartbeats skipped, until the last boundary', async () => {
    const { seen, error } = await readWithApolloClient(written(multipartFraming, 'complete'));
    expect(error).toBeUndefined();
    expect(seen).toEqual(results.map((result) => result.data));
  });

  it('ends with a transport error Apollo Client reports with its code', async () => {
    const { seen } = await readWithApolloClient(written(multipartFraming, 'fail'));
    expect(seen.slice(0, 2)).toEqual(results.map((result) => result.data));
    const last = seen[2] as { error: { errors: { extensions: { code: string } }[] } };
    expect(last.error.errors.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('writes the bytes of the protocol: payload parts, `{}` heartbeats, the closing boundary', () => {
    expect(multipartFraming.contentType).toBe(
      'multipart/mixed;boundary="graphql";subscriptionSpec="1.0"',
    );
    expect(multipartFraming.start() + multipartFraming.heartbeat() + multipartFraming.end()).toBe(
      '\r\n--graphql\r\ncontent-type: application/json; charset=utf-8\r\n\r\n{}\r\n--graphql--\r\n',
    );
    expect(multipartFraming.fail(revoked)).toContain(
      JSON.stringify({ payload: null, errors: revoked }),
    );
  });
});

describe('SSE framing (graphql-sse, distinct connections)', () => {
  it("is read event by event by graphql-sse's client, comments skipped, until complete", async () => {
    const { seen, error } = await readWithGraphqlSse(written(sseFraming, 'complete'));
    expect(error).toBeUndefined();
    expect(seen).toEqual(results);
  });

  it('ends with a last result carrying the errors', async () => {
    const { seen, error } = await readWithGraphqlSse(written(sseFraming, 'fail'));
    expect(error).toBeUndefined();
    expect(seen).toEqual([...results, { errors: revoked }]);
  });
});
