// Persisted query lists, enforcement modes and client identification through the real router.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, post, send } from './support/graphql.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const partnerManifest = JSON.parse(
  readFileSync(new URL('../../schema/persisted-queries/partner.json', import.meta.url), 'utf8'),
) as { operations: { id: string; name: string; body: string }[] };
const listed = (name: string) => {
  const operation = partnerManifest.operations.find((o) => o.name === name);
  if (!operation) throw new Error(`${name} is not in partner.json`);
  return operation;
};
const SEARCH = listed('PartnerSearchHotels');
const UNLISTED = 'query Unlisted { searchHotels(input: { city: "Paris" }) { totalCount } }';
const byHash = (id: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } });

let stack: TestStack;
const routers: Record<string, { url: string; stop(): Promise<void> }> = {};
beforeAll(async () => {
  stack = await startTestStack({ redis: true });
  for (const mode of ['off', 'safelist', 'require_id'] as const) {
    routers[mode] = await stack.startRouter({ PERSISTED_QUERIES_MODE: mode });
  }
  routers.development = await stack.startRouter({
    NODE_ENV: 'development',
    PERSISTED_QUERIES_MODE: 'require_id',
  });
});
afterAll(async () => {
  for (const router of Object.values(routers)) await router.stop();
  await stack?.stop();
});

const metric = async (url: string, pattern: RegExp) => {
  const text = await (await fetch(new URL('/metrics', url))).text();
  return Number(pattern.exec(text)?.[1] ?? 0);
};
const summary = (res: Awaited<ReturnType<typeof send>>) =>
  `${res.status} ${codes(res).join(',') || (res.body.data ? 'data' : 'nothing')}`;

describe('enforcement modes (first-party clients)', () => {
  const requests = {
    unlisted: () => JSON.stringify({ query: UNLISTED }),
    listedBody: () => JSON.stringify({ query: SEARCH.body, variables: { input: {} } }),
    listedId: () => JSON.stringify({ ...byHash(SEARCH.id), variables: { input: {} } }),
    documentId: () =>
      JSON.stringify({ documentId: `sha256:${SEARCH.id}`, variables: { input: {} } }),
    unknownId: () => JSON.stringify(byHash(sha256('query Nope { me { id } }'))),
  };

  it.each([
    [
      'log_unknown',
      ['200 data', '200 data', '200 data', '200 data', '200 PERSISTED_QUERY_NOT_FOUND'],
    ],
    ['off', ['200 data', '200 data', '200 data', '200 data', '200 PERSISTED_QUERY_NOT_FOUND']],
    [
      'safelist',
      [
        '403 PERSISTED_QUERY_NOT_IN_LIST',
        '200 data',
        '200 data',
        '200 data',
        '404 PERSISTED_QUERY_NOT_FOUND',
      ],
    ],
    [
      'require_id',
      [
        '400 PERSISTED_QUERY_NOT_IN_LIST',
        '400 PERSISTED_QUERY_NOT_IN_LIST',
        '200 data',
        '200 data',
        '404 PERSISTED_QUERY_NOT_FOUND',
      ],
    ],
    [
      'development',
      ['200 data', '200 data', '200 data', '200 data', '200 PERSISTED_QUERY_NOT_FOUND'],
    ],
  ])('%s', async (mode, expected) => {
    const url = mode === 'log_unknown' ? stack.url : (routers[mode]?.url ?? '');
    const answers = [];
    for (const body of Object.values(requests)) answers.push(summary(await send(url, body())));
    expect(answers).toEqual(expected);
  });

  it('log_unknown logs and counts unlisted operations, once each, and never listed ones', async () => {
    const logged = () =>
      metric(stack.url, /graphql_unlisted_operations_total\{action="logged"[^}]*\} (\d+)/);
    const before = await logged();
    await send(stack.url, requests.listedId());
    await send(stack.url, requests.listedBody());
    expect(await logged()).toBe(before);
    await send(stack.url, requests.unlisted());
    expect(await logged()).toBe(before + 1);
    // An APQ miss and its registration are one operation.
    const apq = '{ searchHotels(input: { city: "Lyon" }) { totalCount } }';
    await send(stack.url, JSON.stringify(byHash(sha256(apq))));
    await send(stack.url, JSON.stringify({ query: apq, ...byHash(sha256(apq)) }));
    expect(await logged()).toBe(before + 2);
  });

  it('safelist refuses a listed id sent with another body', async () => {
    const res = await send(
      routers.safelist?.url ?? '',
      JSON.stringify({ query: UNLISTED, ...byHash(SEARCH.id) }),
    );
    expect(summary(res)).toBe('400 PERSISTED_QUERY_NOT_IN_LIST');
    expect(res.headers.get('cache-control')).toBe('private, no-cache, must-revalidate');
  });

  it('serves a listed id by GET, as documentId or as an APQ hash', async () => {
    const variables = JSON.stringify({ input: { city: 'Lisbon' }, first: 2 });
    const byDocumentId = new URLSearchParams({ documentId: `sha256:${SEARCH.id}`, variables });
    const byApqHash = new URLSearchParams({
      extensions: JSON.stringify(byHash(SEARCH.id).extensions),
      variables,
    });
    for (const params of [byDocumentId, byApqHash]) {
      const res = await fetch(`${routers.require_id?.url}?${params}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { searchHotels: { edges: unknown[] } } };
      expect(body.data.searchHotels.edges).toHaveLength(2);
      expect(res.headers.get('cache-control')).toMatch(/^max-age=[1-9]\d*, public$/);
    }
  });
});

describe('client identification', () => {
  it('counts requests by sanitized apollographql-client-name and -version', async () => {
    const count = (name: string, version: string) =>
      metric(
        stack.url,
        new RegExp(
          `graphql_client_requests_total\\{client_name="${name}",client_version="${version}"[^}]*\\} (\\d+)`,
        ),
      );
    await post(
      stack.url,
      '{ __typename }',
      {},
      {
        'apollographql-client-name': 'web-app',
        'apollographql-client-version': '1.2.3',
      },
    );
    await post(stack.url, '{ __typename }', {}, { 'apollographql-client-name': 'bad name{"x"}' });
    await post(stack.url, '{ __typename }');
    expect(await count('web-app', '1\\.2\\.3')).toBe(1);
    expect(await count('bad_name__x__', 'unknown')).toBe(1);
    expect(await count('unknown', 'unknown')).toBeGreaterThanOrEqual(1);
  });
});
