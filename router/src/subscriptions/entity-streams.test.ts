import type { EntityChange } from '@travel/entity-changes';
import { createLogger } from '@travel/logger';
import { buildSchema, execute, type FormattedExecutionResult, parse } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { toEntityQuery } from './entity-query.ts';
import { createEntityStreams, SHARED_SCOPE, type StreamSpec } from './entity-streams.ts';
import { type PreparedSubscription, prepareSubscription } from './prepare-subscription.ts';
import { stateFieldsOf } from './state-overlay.ts';

const log = createLogger({ service: 'test', level: 'silent' });

function change(id: string, version = 1, status = 'CONFIRMED', audience = ['User:g1']) {
  return {
    entity: `Order:${id}`,
    version,
    state: { status },
    audience,
    invalidates: [],
    lists: [],
  } satisfies EntityChange;
}

const ORDER_QUERY = /* GraphQL */ `query ($entityId: ID!) { entity: order(id: $entityId) { id status } }`;

/** A subscriber's spec; `resolve` answers its re-read of an entity id. */
function spec({
  resolve = async (id: string): Promise<FormattedExecutionResult> => ({
    data: { entity: { id, status: 'LATER' } },
  }),
  ...overrides
}: Partial<StreamSpec> & {
  resolve?: (id: string) => Promise<FormattedExecutionResult>;
} = {}): StreamSpec {
  const key = overrides.key ?? 'k';
  return {
    audience: 'User:g1',
    entityType: 'Order',
    key,
    // A scope per key: merged reads of one scope have their own test.
    scope: key,
    read: {
      query: {
        document: parse(ORDER_QUERY),
        source: ORDER_QUERY,
        responseKey: 'b',
        idVariable: 'entityId',
        variableNames: [],
      },
      variables: {},
    },
    run: (operation) => resolve(String(operation.variables.entityId)),
    responseKey: 'b',
    stateFields: new Map([['status', ['status']]]),
    ...overrides,
  };
}
const defaultResolve = async (id: string): Promise<FormattedExecutionResult> => ({
  data: { entity: { id, status: 'LATER' } },
});

describe('createEntityStreams', () => {
  it('re-reads an event once per key and sends it to every subscriber of its audience', async () => {
    const streams = createEntityStreams({ log });
    const resolve = vi.fn(defaultResolve);
    const a = streams.open(spec({ resolve }), () => {});
    const b = streams.open(spec({ resolve }), () => {});
    const other = streams.open(spec({ resolve, key: 'other' }), () => {});
    const byEntity = streams.open(spec({ resolve, key: 'e', audience: 'Order:B1' }), () => {});
    const elsewhere = streams.open(spec({ resolve, audience: 'User:g2' }), () => {});
    const otherType = streams.open(spec({ resolve, entityType: 'Trip' }), () => {});
    streams.dispatch(change('b1'));
    const expected = { value: { data: { b: { id: 'b1', status: 'CONFIRMED' } } }, done: false };
    await expect(a.next()).resolves.toEqual(expected);
    await expect(b.next()).resolves.toEqual(expected);
    await expect(other.next()).resolves.toEqual(expected);
    // The entity key is an audience too, compared case-insensitively.
    await expect(byEntity.next()).resolves.toEqual(expected);
    expect(resolve).toHaveBeenCalledTimes(3); // 'k', 'other' and 'e' once each
    expect(elsewhere.queued).toBe(0);
    expect(otherType.queued).toBe(0);
  });

  it('reads one event once per group: 1,000 subscribers in 10 groups, 10 reads', async () => {
    const streams = createEntityStreams({ log });
    const resolve = vi.fn(defaultResolve);
    const opened = Array.from({ length: 1000 }, (_, n) =>
      // Half follow the user, half the entity itself: both audiences reach them.
      streams.open(
        spec({ resolve, key: `group-${n % 10}`, audience: n % 2 ? 'User:g1' : 'Order:b1' }),
        () => {},
      ),
    );
    streams.dispatch(change('b1'));
    for (const stream of opened) {
      await expect(stream.next()).resolves.toMatchObject({ value: { data: { b: { id: 'b1' } } } });
    }
    expect(resolve).toHaveBeenCalledTimes(10);
  });

  it('shares one read between fields with one selection, each answer under its own key', async () => {
    const streams = createEntityStreams({ log });
    const resolve = vi.fn(async () => ({
      data: { entity: { id: 'b1', status: 'LATER', hotel: null } },
      errors: [{ message: 'Hotel not found', path: ['entity', 'hotel'] }],
    }));
    const mine = streams.open(spec({ resolve, responseKey: 'myBookingUpdates' }), () => {});
    const one = streams.open(spec({ resolve, responseKey: 'bookingUpdated' }), () => {});
    streams.dispatch(change('b1'));
    await expect(mine.next()).resolves.toMatchObject({
      value: {
        data: { myBookingUpdates: { id: 'b1', status: 'CONFIRMED', hotel: null } },
        errors: [{ message: 'Hotel not found', path: ['myBookingUpdates', 'hotel'] }],
      },
    });
    await expect(one.next()).resolves.toMatchObject({
      value: { data: { bookingUpdated: { id: 'b1', status: 'CONFIRMED' } } },
    });
    expect(resolve).toHaveBeenCalledOnce();
  });

  it('reads every group of one scope in one operation, each answer its own selection', async () => {
    const schema = buildSchema(/* GraphQL */ `
      type Query { order(id: ID!): Order }
      type Order { id: ID! status: String! total: Int! }
      type Subscription { orderUpdated(id: ID!): Order! myOrderUpdates: Order! }
    `);
    const readOf = (query: string) => {
      const p = prepareSubscription({ query }, { schema, rules: [], maxTokens: 200 });
      const { document, operation, root } = p as PreparedSubscription;
      return {
        read: { query: toEntityQuery(document, operation, root, 'order'), variables: {} },
        stateFields: stateFieldsOf(document, root.selectionSet),
      };
    };
    const run = vi.fn(
      async (operation: Parameters<StreamSpec['run']>[0]) =>
        (await execute({
          schema,
          document: operation.document,
          variableValues: operation.variables,
          rootValue: { order: ({ id }: { id: string }) => ({ id, status: 'LATER', total: 7 }) },
        })) as FormattedExecutionResult,
    );
    const streams = createEntityStreams({ log });
    const open = (key: string, query: string, responseKey: string, scope = 'user-g1') =>
      streams.open(spec({ key, scope, run, responseKey, ...readOf(query) }), () => {});
    const small = open('a', 'subscription { myOrderUpdates { id status } }', 'myOrderUpdates');
    const big = open('b', 'subscription { orderUpdated(id: "x") { total } }', 'orderUpdated');
    const again = open('b', 'subscription { orderUpdated(id: "x") { total } }', 'orderUpdated');
    const someoneElse = open('c', 'subscription { myOrderUpdates { id } }', 'myOrderUpdates', 'u2');
    streams.dispatch(change('o1'));
    await expect(small.next()).resolves.toMatchObject({
      value: { data: { myOrderUpdates: { id: 'o1', status: 'CONFIRMED' } } },
    });
    await expect(big.next()).resolves.toEqual({
      value: { data: { orderUpdated: { total: 7 } } },
      done: false,
    });
    await expect(again.next()).resolves.toMatchObject({
      value: { data: { orderUpdated: { total: 7 } } },
    });
    await expect(someoneElse.next()).resolves.toMatchObject({
      value: { data: { myOrderUpdates: { id: 'o1' } } },
    });
    // One operation for user-g1's two groups, one for u2's.
    expect(run).toHaveBeenCalledTimes(2);
    expect(run.mock.calls.map(([operation]) => operation.source.match(/order\(/g)?.length)).toEqual(
      [2, 1],
    );
  });

  it('shows the state the event announced over a re-read made after a later change', async () => {
    const streams = createEntityStreams({ log });
    const stream = streams.open(
      spec({
        stateFields: new Map([['status', ['s', 'status']]]),
        resolve: async (id) => ({ data: { entity: { id, s: 'CONFIRMED', status: 'CONFIRMED' } } }),
      }),
      () => {},
    );
    streams.dispatch(change('b1', 1, 'PENDING'));
    streams.dispatch(change('b1', 2, 'CONFIRMED'));
    await expect(stream.next()).resolves.toMatchObject({
      value: { data: { b: { id: 'b1', s: 'PENDING', status: 'PENDING' } } },
    });
    await expect(stream.next()).resolves.toMatchObject({
      value: { data: { b: { s: 'CONFIRMED', status: 'CONFIRMED' } } },
    });
  });

  it('never sends a version twice, nor an earlier one after a later one', async () => {
    const streams = createEntityStreams({ log });
    const resolve = vi.fn(defaultResolve);
    const stream = streams.open(spec({ resolve }), () => {});
    for (const version of [1, 3, 3, 2, 4]) streams.dispatch(change('b1', version, `V${version}`));
    // Another entity's versions are its own.
    streams.dispatch(change('b2', 1, 'OTHER'));
    const sent: unknown[] = [];
    for (let i = 0; i < 4; i++)
      sent.push(((await stream.next()).value as FormattedExecutionResult).data);
    expect(sent).toEqual([
      { b: { id: 'b1', status: 'V1' } },
      { b: { id: 'b1', status: 'V3' } },
      { b: { id: 'b1', status: 'V4' } },
      { b: { id: 'b2', status: 'OTHER' } },
    ]);
    expect(resolve).toHaveBeenCalledTimes(4);
  });

  it('keeps event order when a later re-read finishes first', async () => {
    const streams = createEntityStreams({ log });
    let finishSlow: (answer: FormattedExecutionResult) => void = () => {};
    const slow = new Promise<FormattedExecutionResult>((resolve) => {
      finishSlow = resolve;
    });
    const resolve = vi.fn(async (id: string) =>
      id === 'first' ? slow : { data: { entity: { id } } },
    );
    const stream = streams.open(spec({ resolve }), () => {});
    streams.dispatch(change('first'));
    streams.dispatch(change('second'));
    await new Promise((resolve) => setImmediate(resolve)); // 'second' is re-read by now
    expect(stream.queued).toBe(0);
    finishSlow({ data: { entity: { id: 'first' } } });
    await expect(stream.next()).resolves.toMatchObject({ value: { data: { b: { id: 'first' } } } });
    await expect(stream.next()).resolves.toMatchObject({
      value: { data: { b: { id: 'second' } } },
    });
  });

  it('drops an entity the subscriber may not see, and reports a failed re-read', async () => {
    const streams = createEntityStreams({ log });
    const answers: FormattedExecutionResult[] = [
      { data: { entity: null } },
      { data: { entity: null }, errors: [{ message: 'Internal server error' }] },
    ];
    const stream = streams.open(spec({ resolve: async () => answers.shift() ?? {} }), () => {});
    streams.dispatch(change('hidden'));
    streams.dispatch(change('failed'));
    await expect(stream.next()).resolves.toEqual({
      value: { data: null, errors: [{ message: 'Internal server error' }] },
      done: false,
    });
    expect(stream.queued).toBe(0);
  });

  it('ends a subscriber that falls behind, and forgets ended subscriptions', async () => {
    const streams = createEntityStreams({ log, maxQueued: 2 });
    const onEnd = vi.fn();
    const stream = streams.open(spec(), onEnd);
    const patient = streams.open(spec({ audience: 'User:g2' }), () => {});
    for (const id of ['1', '2', '3']) streams.dispatch(change(id));
    await vi.waitFor(() => expect(onEnd).toHaveBeenCalledOnce());
    expect(streams.size).toBe(1);
    await stream.next();
    await stream.next();
    await expect(stream.next()).rejects.toThrow('Subscriber too slow');
    await patient.return();
    expect(streams.size).toBe(0);
  });

  it('reads a shared group once for every identity, and as each one when that read shows nothing', async () => {
    const streams = createEntityStreams({ log });
    // Two identities in one shared group: the guest's read serves the owner.
    const asGuest = vi.fn(defaultResolve);
    const asOwner = vi.fn(defaultResolve);
    const shared = { key: 'any', scope: SHARED_SCOPE, shared: true };
    const guest = streams.open(spec({ ...shared, resolve: asGuest }), () => {});
    const owner = streams.open(
      spec({ ...shared, resolve: asOwner, audience: 'Shop:s1' }),
      () => {},
    );
    streams.dispatch(change('b1', 1, 'PENDING', ['User:g1', 'Shop:s1']));
    const expected = { value: { data: { b: { id: 'b1', status: 'PENDING' } } }, done: false };
    await expect(guest.next()).resolves.toEqual(expected);
    await expect(owner.next()).resolves.toEqual(expected);
    expect(asGuest).toHaveBeenCalledOnce();
    expect(asOwner).not.toHaveBeenCalled();

    // The guest may not see it any more: the owner reads as itself and still gets it.
    asGuest.mockResolvedValueOnce({ data: { entity: null } });
    streams.dispatch(change('b1', 2, 'CONFIRMED', ['User:g1', 'Shop:s1']));
    await expect(owner.next()).resolves.toEqual({
      value: { data: { b: { id: 'b1', status: 'CONFIRMED' } } },
      done: false,
    });
    expect(asOwner).toHaveBeenCalledOnce();
    expect(guest.queued).toBe(0);
  });
});
