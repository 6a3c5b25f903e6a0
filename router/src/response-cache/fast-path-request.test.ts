import { describe, expect, it } from 'vitest';
import { fastPathRequest } from './fast-path-request.ts';

/** A request and its parsed JSON body, as the fast path is handed them. */
const request = (
  body: unknown,
  headers: Record<string, string> = {},
  method = 'POST',
): Parameters<typeof fastPathRequest> => [{ method, headers }, body];

describe('fastPathRequest', () => {
  it('reads a POSTed query with Apollo Server’s media type negotiation', () => {
    expect(fastPathRequest(...request({ query: '{ a }', variables: { x: 1 } }))).toEqual({
      query: '{ a }',
      operationName: undefined,
      variables: { x: 1 },
      contentType: 'application/json; charset=utf-8',
    });
    const graphqlResponse = fastPathRequest(
      ...request(
        { query: '{ a }', operationName: 'A', variables: null },
        { accept: 'application/graphql-response+json, application/json;q=0.9' },
      ),
    );
    expect(graphqlResponse).toMatchObject({
      operationName: 'A',
      variables: undefined,
      contentType: 'application/graphql-response+json; charset=utf-8',
    });
  });

  it('leaves to Apollo what Apollo must check, answer or register', () => {
    const leftToApollo = [
      request({ query: '{ a }' }, {}, 'GET'),
      request([{ query: '{ a }' }]),
      request(undefined),
      request({ documentId: 'sha256:abc' }),
      request({ query: 42 }),
      request({ query: '{ a }', operationName: 7 }),
      request({ query: '{ a }', variables: [1] }),
      request({ query: '{ a }', variables: '{}' }),
      request({ query: '{ a }', extensions: { persistedQuery: { sha256Hash: 'x' } } }),
      request({ query: '{ a }', extensions: 'x' }),
      request({ query: '{ a }' }, { accept: 'text/html' }),
      request({ query: '{ a }' }, { accept: 'application/json; callbackSpec=1.0' }),
    ];
    for (const req of leftToApollo) expect(fastPathRequest(...req)).toBeUndefined();
  });
});
