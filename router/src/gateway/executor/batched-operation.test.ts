import type { FetchNode } from '@apollo/query-planner';
import { describe, expect, it } from 'vitest';
import { batchOperation } from './batched-operation.ts';

/** An entity fetch as the planner prints it. */
const fetchOf = (operation: string, serviceName = 'hotels'): FetchNode =>
  ({
    kind: 'Fetch',
    serviceName,
    operation,
    operationName: /^query (\w+)/.exec(operation)?.[1],
    operationKind: 'query',
  }) as FetchNode;

const HOTEL = fetchOf(
  'query MyTravel__hotels__3($representations:[_Any!]!){_entities(representations:$representations){...on Hotel{name city}}}',
);
const ROOM_TYPE = fetchOf(
  'query MyTravel__hotels__4($representations:[_Any!]!$first:Int!){_entities(representations:$representations){...on RoomType{name rates(first:$first){amount}}}}',
);

describe('batchOperation', () => {
  it("puts each fetch's _entities under its own alias, with its own representations", () => {
    expect(batchOperation([HOTEL, ROOM_TYPE])).toMatchObject({
      serviceName: 'hotels',
      operationName: 'MyTravel__hotels__batch',
      operation:
        'query MyTravel__hotels__batch($r0:[_Any!]!$r1:[_Any!]!$first:Int!){_0:_entities(representations:$r0){...on Hotel{name city}}_1:_entities(representations:$r1){...on RoomType{name rates(first:$first){amount}}}}',
      aliases: ['_0', '_1'],
      representations: ['r0', 'r1'],
    });
  });

  it("defines a variable both use once and names representations apart from the client's", () => {
    const first = fetchOf(
      'query Q__hotels__1($representations:[_Any!]!$r1:Int$first:Int!){_entities(representations:$representations){...on Hotel{a(n:$r1)b(n:$first)}}}',
    );
    const second = fetchOf(
      'query Q__hotels__2($representations:[_Any!]!$first:Int!){_entities(representations:$representations){...on RoomType{c(n:$first)}}}',
    );
    const batched = batchOperation([first, second]);
    expect(batched?.representations).toEqual(['r0', '_r1']);
    expect(batched?.operation).toBe(
      'query Q__hotels__batch($r0:[_Any!]!$_r1:[_Any!]!$r1:Int$first:Int!){_0:_entities(representations:$r0){...on Hotel{a(n:$r1)b(n:$first)}}_1:_entities(representations:$_r1){...on RoomType{c(n:$first)}}}',
    );
  });

  it('keeps the fragments the operations use, once each', () => {
    const withFragment = (type: string, n: number) =>
      fetchOf(
        `query Q__hotels__${n}($representations:[_Any!]!){_entities(representations:$representations){...on ${type}{...F}}}fragment F on Named{name}`,
      );
    expect(batchOperation([withFragment('Hotel', 1), withFragment('RoomType', 2)])?.operation).toBe(
      'query Q__hotels__batch($r0:[_Any!]!$r1:[_Any!]!){_0:_entities(representations:$r0){...on Hotel{...F}}_1:_entities(representations:$r1){...on RoomType{...F}}}fragment F on Named{name}',
    );
  });

  it('refuses what cannot share one document', () => {
    const other = (text: string) => fetchOf(`query Q__hotels__9${text}`);
    // A variable or a fragment of one name defined two ways.
    expect(
      batchOperation([
        ROOM_TYPE,
        other(
          '($representations:[_Any!]!$first:Int){_entities(representations:$representations){...on Hotel{n(first:$first)}}}',
        ),
      ]),
    ).toBeUndefined();
    expect(
      batchOperation([
        other(
          '($representations:[_Any!]!){_entities(representations:$representations){...F}}fragment F on Hotel{a}',
        ),
        other(
          '($representations:[_Any!]!){_entities(representations:$representations){...F}}fragment F on Hotel{b}',
        ),
      ]),
    ).toBeUndefined();
    // Not the planner's entity fetch, or another subgraph's.
    expect(batchOperation([HOTEL, other('{me{id}}')])).toBeUndefined();
    expect(
      batchOperation([
        HOTEL,
        other(
          '($representations:[_Any!]!){_entities(representations:$representations){...on Hotel{id}}me{id}}',
        ),
      ]),
    ).toBeUndefined();
    expect(batchOperation([HOTEL, other('{ not graphql')])).toBeUndefined();
    expect(batchOperation([HOTEL, { ...ROOM_TYPE, serviceName: 'bookings' }])).toBeUndefined();
  });
});
