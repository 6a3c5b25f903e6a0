import { readFileSync } from 'node:fs';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@travel/stack';
import type { GraphQLHttpResponse } from '@travel/testing';
import {
  buildSchema,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The README's signed-in query, as `pnpm bench` sends it.
import { SIGNED_IN } from '../../bench/src/gateways/workloads.ts';
import { post } from './support/graphql.ts';
import { metricValue } from './support/metrics.ts';
import {
  type Caller,
  type CorpusIds,
  type CorpusOperation,
  corpus,
  corpusWithAccountsDown,
  corpusWithHotelsDown,
  corpusWithTripsDown,
} from './support/operation-corpus.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { logIn, type SignedInUser } from './support/users.ts';

// Both routers execute every request (no response cache) over the same subgraphs.
const NO_CACHE = { RESPONSE_CACHE: 'false' };

let stack: TestStack;
let stock: { url: string; stop(): Promise<void> };
let callers: Record<Exclude<Caller, 'anonymous'>, SignedInUser>;
let ids: CorpusIds;

beforeAll(async () => {
  // The stack's own router runs plans with the router's executor (the default).
  stack = await startTestStack({ seed: true, routerEnv: NO_CACHE });
  stock = await stack.startRouter({ ...NO_CACHE, PLAN_EXECUTOR: 'apollo' });
  const [traveler, partner, admin] = await Promise.all(
    [DEMO_ACCOUNTS.traveler, DEMO_ACCOUNTS.partner, DEMO_ACCOUNTS.admin].map((email) =>
      logIn(stack.url, email, DEMO_PASSWORD),
    ),
  );
  callers = { traveler, partner, admin } as typeof callers;
  ids = await readIds();
});
afterAll(async () => {
  await stock?.stop();
  await stack?.stop();
});

/** Ids of the demo data to point at (read through the stock executor, the reference). */
async function readIds(): Promise<CorpusIds> {
  const mine = await post(
    stock.url,
    '{ me { id bookings(first: 1) { edges { node { id } } } trips { id } } }',
    {},
    callers.traveler.auth,
  );
  const hotels = await post(
    stock.url,
    '{ searchHotels(input: {}, first: 50) { edges { node { id reviews(first: 20) { edges { node { author { id bookings(first: 1) { edges { node { id } } } } } } } } } } }',
    {},
    callers.admin.auth,
  );
  const me = mine.body.data?.me;
  const edges: any[] = hotels.body.data?.searchHotels.edges ?? [];
  const other = edges
    .flatMap((e) => e.node.reviews.edges.map((r: any) => r.node.author))
    .find((author) => author.id !== me.id && author.bookings.edges.length > 0);
  const found = {
    traveler: me?.id,
    otherTraveler: other?.id,
    hotel: edges[0]?.node.id,
    booking: me?.bookings.edges[0]?.node.id,
    otherBooking: other?.bookings.edges[0]?.node.id,
    trip: me?.trips[0]?.id,
  };
  for (const [name, id] of Object.entries(found)) {
    if (typeof id !== 'string') throw new Error(`the demo data has no ${name}`);
  }
  return found as CorpusIds;
}

/** JSON with every object's keys sorted: equal strings mean the same answer. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

function ask(url: string, operation: CorpusOperation): Promise<GraphQLHttpResponse> {
  const auth = operation.as === 'anonymous' ? {} : callers[operation.as].auth;
  return post(url, operation.query, operation.variables ?? {}, auth);
}

/** What a client can tell apart: status, Cache-Control and the body, keys sorted. */
const observed = (res: GraphQLHttpResponse) =>
  canonical({ status: res.status, cacheControl: res.headers.get('cache-control'), body: res.body });

async function expectSameAnswers(operation: CorpusOperation) {
  const expected = await ask(stock.url, operation);
  const actual = await ask(stack.url, operation);
  expect(observed(actual), operation.name).toBe(observed(expected));
  return expected;
}

describe('the router executor answers as @apollo/gateway does', () => {
  it('covers every field of every type the contract answers with', () => {
    const schema = buildSchema(
      readFileSync(new URL('../../schema/api.graphql', import.meta.url), 'utf8'),
    );
    const placeholders = Object.fromEntries(
      Object.keys({
        traveler: 0,
        otherTraveler: 0,
        hotel: 0,
        booking: 0,
        otherBooking: 0,
        trip: 0,
      }).map((k) => [k, k]),
    ) as unknown as CorpusIds;
    const operations = [
      ...corpus(placeholders),
      ...corpusWithTripsDown(placeholders),
      ...corpusWithAccountsDown(),
      ...corpusWithHotelsDown(placeholders),
    ];
    expect(uncovered(schema, operations)).toEqual([]);
  });

  it('for every operation of the corpus', async () => {
    const answers: GraphQLHttpResponse[] = [];
    for (const operation of corpus(ids)) answers.push(await expectSameAnswers(operation));
    // The corpus exercised what it claims: data, nulls, errors and their codes.
    const codes = new Set(
      answers.flatMap((a) => (a.body.errors ?? []).map((e) => e.extensions?.code)),
    );
    for (const code of ['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED', 'BAD_USER_INPUT']) {
      expect([...codes]).toContain(code);
    }
    const search = answers[8]?.body.data as any;
    expect(search?.searchHotels.edges.length).toBeGreaterThan(5);
    const answerTo = (name: string) =>
      answers[corpus(ids).findIndex((operation) => operation.name === name)]?.body;
    // A step's fetches to hotels, one call here: an error in one, the others' data kept.
    const failing = answerTo("trips' booked hotels failing, the rest not") as any;
    const items = failing?.data?.me.trips.flatMap((trip: any) => trip.items);
    expect(items.some((item: any) => item.hotel?.name)).toBe(true);
    expect(failing?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(failing?.errors?.[0]?.path).toEqual(expect.arrayContaining(['booking', 'hotel']));
    // The default router ran the plans itself: it sent the hotels' shared owners once each.
    const deduplicated = 'subgraph_representations_deduplicated_total';
    expect(await metricValue(stack.url, deduplicated, { subgraph: 'accounts' })).toBeGreaterThan(0);
    expect(await metricValue(stock.url, deduplicated)).toBe(0);
  });

  it("sends a step's hotels and room types to hotels as one call, with no more SQL", async () => {
    const hotelsCalls = () =>
      metricValue(stack.subgraphUrls.hotels, 'graphql_request_duration_seconds_count');
    const asked = async (url: string) => {
      const before = await hotelsCalls();
      stack.resetSql();
      const res = await post(url, SIGNED_IN, { first: 10 }, callers.traveler.auth);
      expect(res.body.errors).toBeUndefined();
      const sql = Object.entries(stack.sql).map(([subgraph, statements]) => ({
        subgraph,
        statements: statements.length,
      }));
      return { calls: (await hotelsCalls()) - before, sql, res };
    };
    const batched = () =>
      metricValue(stack.url, 'subgraph_fetches_batched_total', { subgraph: 'hotels' });
    const batchedBefore = await batched();
    const stockAnswer = await asked(stock.url);
    const ours = await asked(stack.url);
    expect(observed(ours.res)).toBe(observed(stockAnswer.res));
    expect(stockAnswer.calls).toBe(2);
    expect(ours.calls).toBe(1);
    expect((await batched()) - batchedBefore).toBe(1);
    // No more SQL statements per subgraph than for two calls.
    stockAnswer.sql.forEach(({ subgraph, statements }, i) => {
      expect(ours.sql[i]?.statements, subgraph).toBeLessThanOrEqual(statements);
    });
    expect(ours.sql.find((s) => s.subgraph === 'hotels')?.statements).toBeGreaterThan(0);
  });

  it('with a subgraph down: the same partial data and errors', async () => {
    await stack.stopSubgraph('trips');
    for (const operation of corpusWithTripsDown(ids)) {
      const answer = await expectSameAnswers(operation);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    }
    // Fetches of owners and of review authors, one call to accounts here, fail as two.
    await stack.stopSubgraph('accounts');
    for (const operation of corpusWithAccountsDown()) {
      const answer = await expectSameAnswers(operation);
      expect(answer.body.errors?.length).toBeGreaterThan(1);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    }
    // The hotels and the room type of a booking, one call here, fail as two fetches.
    await stack.stopSubgraph('hotels');
    for (const operation of corpusWithHotelsDown(ids)) {
      const answer = await expectSameAnswers(operation);
      expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual([
        'SERVICE_UNAVAILABLE',
        'SERVICE_UNAVAILABLE',
      ]);
    }
  });
});

/** `Type.field` of the contract's object types no operation selects (root mutations aside). */
function uncovered(schema: GraphQLSchema, operations: CorpusOperation[]): string[] {
  const used = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  for (const { query } of operations) {
    visit(
      parse(query),
      visitWithTypeInfo(typeInfo, {
        Field() {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (parent && field) used.add(`${parent.name}.${field.name}`);
        },
      }),
    );
  }
  const all: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    if (type === schema.getMutationType() || type === schema.getSubscriptionType()) continue;
    for (const field of Object.values(type.getFields())) {
      if (getNamedType(field.type)) all.push(`${type.name}.${field.name}`);
    }
  }
  return all.filter((name) => !used.has(name));
}
