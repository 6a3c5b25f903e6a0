import { startForFile } from '@travel/testing';
import { describe, expect, it } from 'vitest';
import { codes, post, send } from './support/graphql.ts';
import { startTestStack } from './support/stack.ts';

const stack = startForFile(() => startTestStack({ seed: false }));

const SEARCH = 'query ($first: Int) { searchHotels(input: {}, first: $first) { totalCount } }';

async function expectStillServing() {
  const res = await post(stack().url, SEARCH, { first: 1 });
  expect(res.status).toBe(200);
  expect(res.body.data?.searchHotels.totalCount).toBe(0);
}

describe('bad input gets a clear 4xx and the router keeps serving', () => {
  it('malformed JSON → 400', async () => {
    const res = await send(stack().url, '{"query": "{ me { id } }"');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/JSON/i);
    await expectStillServing();
  });

  it('a variable of the wrong type → 400 BAD_USER_INPUT', async () => {
    const res = await post(stack().url, SEARCH, { first: 'ten' });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    await expectStillServing();
  });

  it('a negative first → 400 BAD_USER_INPUT', async () => {
    const res = await post(stack().url, SEARCH, { first: -1 });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors?.[0]?.message).toMatch(/first/);
    await expectStillServing();
  });

  it('a 5 MB body → 413', async () => {
    const huge = JSON.stringify({ query: SEARCH, variables: { pad: 'x'.repeat(5 * 1024 * 1024) } });
    const res = await send(stack().url, huge);
    expect(res.status).toBe(413);
    await expectStillServing();
  });

  it('a deeply nested query is refused before any subgraph is called', async () => {
    let selection = 'id';
    for (let i = 0; i < 20; i++) selection = `hotel { roomTypes { ${selection} } }`;
    stack().resetSql();
    const res = await post(stack().url, `{ hotel(id: "x") { roomTypes { ${selection} } } }`);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/depth/i);
    expect(stack().sql.hotels).toHaveLength(0);
    await expectStillServing();
  });
});
