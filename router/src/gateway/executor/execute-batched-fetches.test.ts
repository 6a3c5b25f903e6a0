import type { GraphQLDataSource } from '@apollo/gateway';
import type { FetchNode } from '@apollo/query-planner';
import { buildSchema, Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { batchOperation } from './batched-operation.ts';
import { executeBatchedEntityFetches } from './execute-batched-fetches.ts';
import type { GatewayRequestContext, PlanExecution, ResultMap } from './plan-execution.ts';

const supergraphSchema = buildSchema(`
  type Query { bookings: [Booking] }
  type Booking { hotel: Hotel roomType: RoomType }
  type Hotel { id: ID! name: String }
  type RoomType { id: ID! name: String maxGuests: Int }
`);

/** `Flatten(bookings.@.<field>) { Fetch(hotels) { … on <type> { __typename id } } }`. */
const entityFetch = (type: string, n: number, fields: string, variables = ''): FetchNode =>
  ({
    kind: 'Fetch',
    serviceName: 'hotels',
    requires: [
      {
        kind: Kind.INLINE_FRAGMENT,
        typeCondition: type,
        selections: [
          { kind: Kind.FIELD, name: '__typename' },
          { kind: Kind.FIELD, name: 'id' },
        ],
      },
    ],
    variableUsages: variables ? ['details'] : [],
    operation: `query Q__hotels__${n}($representations:[_Any!]!${variables}){_entities(representations:$representations){...on ${type}{${fields}}}}`,
    operationName: `Q__hotels__${n}`,
    operationKind: 'query',
  }) as unknown as FetchNode;

const HOTEL = entityFetch('Hotel', 1, 'name');
const ROOM_TYPE = entityFetch(
  'RoomType',
  2,
  'name maxGuests@include(if:$details)',
  '$details:Boolean!',
);

type Answer = {
  data?: ResultMap | null;
  errors?: { message: string; path?: (string | number)[] }[];
};
type Sent = { query: string; operationName?: string; variables: ResultMap };

function setUp(answer: (request: Sent) => Answer) {
  const sent: Sent[] = [];
  const batched: [string, number][] = [];
  const service = {
    async process({ request }: { request: Sent }) {
      sent.push(request);
      return answer(request);
    },
  } as unknown as GraphQLDataSource;
  const booking = (id: string) => ({
    hotel: { __typename: 'Hotel', id: `h${id}` },
    roomType: { __typename: 'RoomType', id: `r${id}` },
  });
  const bookings = [booking('1'), booking('2'), booking('1')];
  const fullResult: ResultMap = { bookings };
  const execution: PlanExecution = {
    requestContext: {
      request: { variables: { details: true, unused: 1 } },
      context: {},
      metrics: {},
    } as unknown as GatewayRequestContext,
    operation: {} as PlanExecution['operation'],
    supergraphSchema,
    services: new Map([['hotels', service]]),
    errors: [],
    onRepresentationsDeduplicated: () => undefined,
    onFetchesBatched: (subgraph, count) => batched.push([subgraph, count]),
  };
  const at = (fetch: FetchNode, field: 'hotel' | 'roomType') => ({
    fetch,
    cursor: { path: ['bookings', '@', field], data: bookings.map((b) => b[field]), fullResult },
  });
  const run = (fetches = [HOTEL, ROOM_TYPE]) =>
    executeBatchedEntityFetches(
      execution,
      fetches.map((fetch) => [at(fetch, fetch === HOTEL ? 'hotel' : 'roomType')]),
      () => batchOperation(fetches),
    );
  return { sent, batched, execution, fullResult, run };
}

/** What hotels answers: each alias's representations by name. */
const named = ({ variables }: Sent): Answer => ({
  data: {
    _0: variables.r0.map(({ id }: ResultMap) => ({ name: `hotel ${id}` })),
    _1: variables.r1.map(({ id }: ResultMap) => ({ name: `room ${id}`, maxGuests: 2 })),
  },
});

describe('executeBatchedEntityFetches', () => {
  it("sends two operations' fetches as one call and merges each alias's answer", async () => {
    const { sent, batched, execution, fullResult, run } = setUp(named);
    await run();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.operationName).toBe('Q__hotels__batch');
    expect(sent[0]?.variables).toEqual({
      details: true,
      r0: [
        { __typename: 'Hotel', id: 'h1' },
        { __typename: 'Hotel', id: 'h2' },
      ],
      r1: [
        { __typename: 'RoomType', id: 'r1' },
        { __typename: 'RoomType', id: 'r2' },
      ],
    });
    expect(batched).toEqual([['hotels', 1]]);
    expect(execution.errors).toEqual([]);
    expect(fullResult.bookings[2]).toEqual({
      hotel: { __typename: 'Hotel', id: 'h1', name: 'hotel h1' },
      roomType: { __typename: 'RoomType', id: 'r1', name: 'room r1', maxGuests: 2 },
    });
  });

  it('sends the same body for the same step: identical fetches in flight can share a call', async () => {
    const one = setUp(named);
    const other = setUp(named);
    await Promise.all([one.run(), other.run()]);
    expect(one.sent).toHaveLength(1);
    expect(JSON.stringify(other.sent)).toBe(JSON.stringify(one.sent));
  });

  it("reports an alias's errors at its own entities, others once per fetch, group by group", async () => {
    const { execution, fullResult, run } = setUp((request) => ({
      data: { ...named(request).data, _0: [null, { name: 'hotel h2' }] },
      errors: [
        { message: 'no room', path: ['_1', 1, 'name'] },
        { message: 'no hotel', path: ['_0', 0] },
        { message: 'about everything' },
      ],
    }));
    await run();
    expect(execution.errors.map((e) => [e.message, e.path])).toEqual([
      ['about everything', undefined],
      ['no hotel', ['bookings', 0, 'hotel']],
      ['no hotel', ['bookings', 2, 'hotel']],
      ['about everything', undefined],
      ['no room', ['bookings', 1, 'roomType', 'name']],
    ]);
    expect(execution.requestContext.metrics.nonFtv1ErrorPaths).toEqual([
      { subgraph: 'hotels', path: ['_entities', 0] },
      { subgraph: 'hotels', path: undefined },
      { subgraph: 'hotels', path: ['_entities', 1, 'name'] },
      { subgraph: 'hotels', path: undefined },
    ]);
    expect(fullResult.bookings.map((b: ResultMap) => [b.hotel.name, b.roomType.name])).toEqual([
      [undefined, 'room r1'],
      ['hotel h2', 'room r2'],
      [undefined, 'room r1'],
    ]);
  });

  it('reports a failed call once per fetch it stood for, and an unusable alias for its own', async () => {
    const failing = setUp(() => {
      throw new Error('The hotels service is unavailable');
    });
    await failing.run();
    expect(failing.execution.errors.map((e) => e.message)).toEqual([
      'The hotels service is unavailable',
      'The hotels service is unavailable',
    ]);
    const short = setUp((request) => ({
      data: { ...named(request).data, _1: [{ name: 'one' }] },
    }));
    await short.run();
    expect(short.execution.errors.map((e) => e.message)).toEqual([
      'Expected "data._entities" to contain 2 elements',
    ]);
    expect(short.fullResult.bookings[1].hotel.name).toBe('hotel h2');
  });

  it('asks again group by group when the subgraph refuses the document as a whole', async () => {
    const { sent, batched, execution, fullResult, run } = setUp((request) => {
      const representations = request.variables.representations as ResultMap[] | undefined;
      if (!representations) return { data: null, errors: [{ message: 'no RoomType here' }] };
      if (representations[0]?.__typename === 'RoomType') {
        return { data: null, errors: [{ message: 'no RoomType here', path: ['_entities'] }] };
      }
      return { data: { _entities: representations.map(({ id }) => ({ name: `hotel ${id}` })) } };
    });
    await run();
    expect(sent.map((s) => s.operationName)).toEqual([
      'Q__hotels__batch',
      'Q__hotels__1',
      'Q__hotels__2',
    ]);
    expect(batched).toEqual([]);
    expect(fullResult.bookings[0].hotel.name).toBe('hotel h1');
    expect(execution.errors.map((e) => [e.message, e.path])).toEqual([
      ['no RoomType here', ['bookings', '@', 'roomType', '_entities']],
    ]);
  });

  it('sends a lone group, or groups that cannot share a document, as they are', async () => {
    const { sent, batched, run } = setUp((request) => ({
      data: { _entities: request.variables.representations.map(() => ({ name: 'n' })) },
    }));
    await run([HOTEL]);
    const conflicting = entityFetch('RoomType', 3, 'name', '$details:Int');
    await run([ROOM_TYPE, conflicting]);
    expect(sent.map((s) => s.operationName)).toEqual([
      'Q__hotels__1',
      'Q__hotels__2',
      'Q__hotels__3',
    ]);
    expect(batched).toEqual([]);
  });
});
