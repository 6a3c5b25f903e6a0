import { readFileSync } from 'node:fs';
import {
  buildSchema,
  type GraphQLError,
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isListType,
  isObjectType,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import type { ValidVariables } from '../context.ts';
import { readCostDirectives } from './cost-directives.ts';
import { createDemandControl } from './demand-control.ts';

// The committed schema: what the subgraphs declare is what the router estimates with.
const read = (path: string) =>
  readFileSync(new URL(`../../../schema/${path}`, import.meta.url), 'utf8');
const supergraphSdl = read('supergraph.graphql');
const schema = buildSchema(read('api.graphql'));
const partner = JSON.parse(read('persisted-queries/partner.json')) as {
  operations: { name: string; body: string }[];
};

const MAX_COST = 10_000;

async function loadedDemandControl(sdl = supergraphSdl) {
  const demandControl = createDemandControl({ maxCost: MAX_COST, defaultListSize: 100 });
  const listener = await demandControl.plugin.serverWillStart?.({} as never);
  await listener?.schemaDidLoadOrUpdate?.({ apiSchema: schema, coreSupergraphSdl: sdl });
  return demandControl;
}

function request(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return { schema, document, operation, variables };
}

const BOMB =
  'query ($a: Int, $b: Int) { searchHotels(input: {}, first: $a) { edges { node { reviews(first: $b) { edges { node { rating author { name } } } } } } } }';

const README_SEARCH = /* GraphQL */ `
  {
    searchHotels(input: { city: "Lisbon" }, first: 5) {
      totalCount
      edges { node { name owner { name } reviews(first: 2) { edges { node { rating author { name } } } } } }
    }
  }
`;

describe('demand control over the committed supergraph', () => {
  it('refuses the nested-pages cost bomb with its estimate, whatever carries the sizes', async () => {
    const { check } = await loadedDemandControl();
    // connection + input 1 each, 100 × (edge + hotel + reviews + 100 × (edge + review + author))
    const estimated = 2 + 100 * (3 + 100 * 3);
    let refused: GraphQLError | undefined;
    try {
      check(request(BOMB, { a: 100, b: 100 }));
    } catch (error) {
      refused = error as GraphQLError;
    }
    expect(refused?.extensions).toEqual({
      code: 'COST_ESTIMATED_TOO_EXPENSIVE',
      cost: { estimated, max: MAX_COST },
      http: { status: 400 },
    });
    expect(refused?.message).toBe(
      `The operation's estimated cost ${estimated} is over the maximum of ${MAX_COST}`,
    );
    // `first: null` is costed at the subgraphs' largest page, not as free.
    expect(() => check(request(BOMB, { a: null, b: null }))).toThrow(/estimated cost 30302/);
  });

  it('passes the same query with small variables, and with the schema defaults', async () => {
    const { check } = await loadedDemandControl();
    expect(check(request(BOMB, { a: 5, b: 2 }))).toBe(2 + 5 * (3 + 2 * 3));
    expect(check(request(BOMB))).toBe(2 + 20 * (3 + 10 * 3));
  });

  it('passes the README search and every partner operation at its largest page', async () => {
    const { check } = await loadedDemandControl();
    expect(check(request(README_SEARCH))).toBe(2 + 1 + 5 * (4 + 2 * 3));
    const worstVariables = { first: 100, input: {}, id: 'x', hotelId: 'h', checkIn: '2027-01-01' };
    for (const { name, body } of partner.operations) {
      const variables = {
        ...worstVariables,
        checkOut: '2027-01-02',
        input: name === 'PartnerCreateBooking' ? createBookingInput : {},
      };
      const cost = check(request(body, variables));
      expect(cost, name).toBeGreaterThan(0);
      expect(cost, name).toBeLessThanOrEqual(MAX_COST / 10);
    }
  });

  it('finds a declared size for every list of objects (none falls back to the default)', () => {
    const directives = readCostDirectives(supergraphSdl);
    const undeclared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const list = isListType(getNullableType(field.type));
        if (!list || !isCompositeType(getNamedType(field.type))) continue;
        const sized = directives.listSize(type.name, field.name) !== undefined;
        // `edges` take their size from the connection field that declares `sizedFields`.
        if (!sized && field.name !== 'edges') undeclared.push(`${type.name}.${field.name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('leaves variables that do not coerce to execution (it refuses them)', async () => {
    const { check } = await loadedDemandControl();
    expect(check(request(BOMB, { a: 'many' }))).toBeUndefined();
  });

  it('tells execution which variables it found valid, and only those', async () => {
    const { plugin } = await loadedDemandControl();
    const hooks = await plugin.requestDidStart?.({} as never);
    const resolve = async (variables: Record<string, unknown>) => {
      const operation = request(BOMB, variables);
      const contextValue: Record<string, unknown> = {};
      await hooks?.didResolveOperation?.({
        ...operation,
        request: { variables },
        contextValue,
      } as never);
      return contextValue;
    };
    const variables = { a: 2, b: 3 };
    const valid = (await resolve(variables)).validVariables as ValidVariables;
    // Identities: the executor compares these, not their contents.
    expect(valid.schema).toBe(schema);
    expect(valid.variables).toBe(variables);
    expect((await resolve({ a: 'many' })).validVariables).toBeUndefined();
  });

  it('reads the sizes again when the supergraph changes', async () => {
    const demandControl = createDemandControl({ maxCost: MAX_COST, defaultListSize: 100 });
    const listener = await demandControl.plugin.serverWillStart?.({} as never);
    const load = (sdl: string) =>
      listener?.schemaDidLoadOrUpdate?.({ apiSchema: schema, coreSupergraphSdl: sdl });
    await load(supergraphSdl);
    expect(demandControl.check(request(BOMB, { a: 1, b: 1 }))).toBe(2 + 1 * (3 + 1 * 3));
    // Without @listSize, `first` sizes nothing: each `edges` counts as the default list size.
    const undeclared = supergraphSdl.replaceAll(/(?<!directive) @listSize\([^)]*\)/g, '');
    expect(undeclared).not.toEqual(supergraphSdl);
    await load(undeclared);
    expect(() => demandControl.check(request(BOMB, { a: 1, b: 1 }))).toThrow(
      /estimated cost 30302/,
    );
  });

  it('serves no estimate of the previous supergraph to the same parsed operation', async () => {
    const demandControl = createDemandControl({ maxCost: MAX_COST, defaultListSize: 100 });
    const listener = await demandControl.plugin.serverWillStart?.({} as never);
    const load = (sdl: string) =>
      listener?.schemaDidLoadOrUpdate?.({ apiSchema: schema, coreSupergraphSdl: sdl });
    // One document, as Apollo Server's document store hands it to every request of one text.
    const same = request(BOMB, { a: 1, b: 1 });
    await load(supergraphSdl);
    expect(demandControl.check(same)).toBe(2 + 1 * (3 + 1 * 3));
    expect(demandControl.check(same)).toBe(2 + 1 * (3 + 1 * 3));
    await load(supergraphSdl.replaceAll(/(?<!directive) @listSize\([^)]*\)/g, ''));
    expect(() => demandControl.check(same)).toThrow(/estimated cost 30302/);
    await load(supergraphSdl);
    expect(demandControl.check(same)).toBe(2 + 1 * (3 + 1 * 3));
  });
});

const createBookingInput = {
  roomTypeId: 'r1',
  checkIn: '2027-01-01',
  checkOut: '2027-01-02',
  guests: 1,
  idempotencyKey: 'k',
};
