import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseMediaType, sendErrorResponse } from './error-response.ts';

const withAccept = (accept?: string) => ({ headers: accept === undefined ? {} : { accept } });

describe('responseMediaType', () => {
  it.each([
    [undefined, 'application/json'],
    ['*/*', 'application/json'],
    ['application/json', 'application/json'],
    ['application/graphql-response+json', 'application/graphql-response+json'],
    // What Apollo Client 4 sends.
    [
      'application/graphql-response+json,application/json;q=0.9',
      'application/graphql-response+json',
    ],
    ['application/json, application/graphql-response+json;q=0.5', 'application/json'],
    ['text/html', 'application/json'],
  ])('Accept %s answers %s', (accept, expected) => {
    expect(responseMediaType(withAccept(accept))).toBe(expected);
  });
});

describe('sendErrorResponse', () => {
  const server = createServer((req, res) =>
    sendErrorResponse(req, res, {
      status: 429,
      message: 'Too many requests',
      code: 'RATE_LIMITED',
      extensions: { retryAfterSeconds: 3 },
      headers: { 'retry-after': '3' },
    }),
  );
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('writes the GraphQL error shape, its status and headers, in the accepted media type', async () => {
    const res = await fetch(url, { headers: { accept: 'application/graphql-response+json' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toBe(
      'application/graphql-response+json; charset=utf-8',
    );
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.json()).toEqual({
      errors: [
        {
          message: 'Too many requests',
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 3 },
        },
      ],
    });
  });
});
