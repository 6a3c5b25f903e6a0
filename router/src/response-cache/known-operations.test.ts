import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../sha256.ts';
import { createKnownOperations } from './known-operations.ts';

const operation = (hash: string) => ({
  operationHash: hash,
  operationName: 'Q',
  supergraphHash: 's1',
});

describe('createKnownOperations', () => {
  it('finds a text by its sha256 and the operation name asked for', () => {
    const known = createKnownOperations();
    known.learn('query Q { a }', undefined, operation('h1'));
    expect(known.idOf('query Q { a }')).toBe(sha256Hex('query Q { a }'));
    expect(known.get(sha256Hex('query Q { a }'), undefined)).toEqual(operation('h1'));
    // Another name asked for, or another spelling: unknown until the pipeline resolves it.
    expect(known.get(sha256Hex('query Q { a }'), 'Q')).toBeUndefined();
    expect(known.get(sha256Hex('query Q {a}'), undefined)).toBeUndefined();
  });

  it('keeps the most recently used texts within its bound', () => {
    const known = createKnownOperations(2);
    known.learn('a', undefined, operation('a'));
    known.learn('b', undefined, operation('b'));
    known.get(sha256Hex('a'), undefined);
    known.learn('c', undefined, operation('c'));
    expect(known.get(sha256Hex('a'), undefined)).toBeDefined();
    expect(known.get(sha256Hex('b'), undefined)).toBeUndefined();
    expect(known.get(sha256Hex('c'), undefined)).toBeDefined();
  });
});
