import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../sha256.ts';
import {
  cacheKey,
  cacheKeys,
  lookupScopes,
  type OperationKey,
  operationHash,
  stableStringify,
} from './cache-key.ts';

const operation = (text: string, variables?: Record<string, unknown>): OperationKey => ({
  operationHash: operationHash(parse(text)),
  operationName: null,
  variables,
  supergraphHash: 's1',
});
const anonymous = { kind: 'public', signedIn: false } as const;

describe('operationHash', () => {
  it('ignores whitespace, commas and comments', () => {
    const compact = operationHash(parse('{hotel(id:"1"){name,city}}'));
    const spaced = operationHash(parse('# the hotel\n{\n  hotel(id: "1") {\n name\n city }\n}'));
    expect(spaced).toBe(compact);
  });

  it('tells different selections apart', () => {
    expect(operationHash(parse('{ hotel(id: "1") { name } }'))).not.toBe(
      operationHash(parse('{ hotel(id: "1") { city } }')),
    );
  });
});

describe('stableStringify', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(stableStringify({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
  });

  it('prints what JSON.stringify prints of the sorted value', () => {
    const sorted = (value: unknown) =>
      JSON.stringify(value, (_key, inner: unknown) =>
        inner === null || typeof inner !== 'object' || Array.isArray(inner)
          ? inner
          : Object.fromEntries(
              Object.keys(inner)
                .sort()
                .map((key) => [key, (inner as Record<string, unknown>)[key]]),
            ),
      );
    const values = [
      { z: 'ü"\\n', a: [1, undefined, null, { y: undefined, x: -0, w: 1e21 }], m: true },
      [],
      {},
      'text',
      3.5,
      null,
      { nested: { deeper: { b: [{ d: 1, c: 2 }], a: Number.NaN } } },
      { date: new Date(0), '': 1, '10': 2, '9': 3, '4294967295': 4, '01': 5 },
    ];
    for (const value of values) expect(stableStringify(value)).toBe(sorted(value));
  });
});

describe('cacheKey', () => {
  it('keys every scope as cacheKey does, in the order given', () => {
    const op = operation('{ a }', { x: [1, { b: 2, a: 1 }] });
    const scopes = lookupScopes('u1');
    expect(cacheKeys(op, scopes)).toEqual(scopes.map((scope) => cacheKey(op, scope)));
    expect(lookupScopes(undefined)).toEqual([anonymous]);
  });

  it('keeps the format of keys already stored', () => {
    const op = { ...operation('{ a }', { y: 2, x: 1 }), operationName: 'A' };
    const printed = `[2,"s1","${op.operationHash}","A",{"x":1,"y":2},"public:anonymous"]`;
    expect(cacheKey(op, anonymous)).toBe(sha256Hex(printed));
  });

  it('is the same for the same variables in another order', () => {
    const a = cacheKey(operation('{ a }', { x: 1, y: 2 }), anonymous);
    expect(cacheKey(operation('{ a }', { y: 2, x: 1 }), anonymous)).toBe(a);
    expect(cacheKey(operation('{ a }', { x: 1, y: 3 }), anonymous)).not.toBe(a);
  });

  it('keeps anonymous, signed-in and each user apart', () => {
    const op = operation('{ a }');
    const keys = [
      cacheKey(op, anonymous),
      cacheKey(op, { kind: 'public', signedIn: true }),
      cacheKey(op, { kind: 'private', userId: 'u1' }),
      cacheKey(op, { kind: 'private', userId: 'u2' }),
    ];
    expect(new Set(keys).size).toBe(4);
  });

  it('changes with the supergraph and the operation name', () => {
    const op = operation('query A { a } query B { a }');
    const base = cacheKey({ ...op, operationName: 'A' }, anonymous);
    expect(cacheKey({ ...op, operationName: 'B' }, anonymous)).not.toBe(base);
    expect(cacheKey({ ...op, operationName: 'A', supergraphHash: 's2' }, anonymous)).not.toBe(base);
  });
});
