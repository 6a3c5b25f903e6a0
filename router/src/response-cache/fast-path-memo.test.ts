import { describe, expect, it } from 'vitest';
import { createFastPathMemo, type Remembered } from './fast-path-memo.ts';

const remembered = (name: string, supergraphHash = 's1'): Remembered => ({
  queryId: `id-${name}`,
  operation: { operationHash: `op-${name}`, operationName: name, supergraphHash },
  keys: [`key-${name}`],
});

const body = (n: number) => JSON.stringify({ query: `query Q${n} { a }` });

describe('createFastPathMemo', () => {
  it('remembers by body and viewer: another viewer, or none, is never given the entry', () => {
    const memo = createFastPathMemo();
    memo.set(body(1), 'user-1', remembered('mine'));
    expect(memo.get(body(1), 'user-1', 's1')).toEqual(remembered('mine'));
    expect(memo.get(body(1), 'user-2', 's1')).toBeUndefined();
    expect(memo.get(body(1), undefined, 's1')).toBeUndefined();
    expect(memo.get(body(2), 'user-1', 's1')).toBeUndefined();
  });

  it('keeps anonymous and signed-in bodies apart whatever the user id holds', () => {
    const memo = createFastPathMemo();
    memo.set('x', undefined, remembered('anonymous'));
    // A user id and body that would concatenate to the anonymous key's text.
    expect(memo.get('', '\nx', 's1')).toBeUndefined();
    memo.set('b', 'a\n1:a', remembered('one'));
    expect(memo.get('1:a\nb', 'a', 's1')).toBeUndefined();
    expect(memo.get('x', undefined, 's1')).toEqual(remembered('anonymous'));
  });

  it('forgets an entry once another supergraph is in service', () => {
    const memo = createFastPathMemo();
    memo.set(body(1), undefined, remembered('old', 's1'));
    expect(memo.get(body(1), undefined, 's2')).toBeUndefined();
    // Gone for good: the old supergraph back does not revive it.
    expect(memo.get(body(1), undefined, 's1')).toBeUndefined();
  });

  it('holds at most maxEntries, the least recently used going first', () => {
    const memo = createFastPathMemo({ maxEntries: 2 });
    memo.set(body(1), undefined, remembered('1'));
    memo.set(body(2), undefined, remembered('2'));
    expect(memo.get(body(1), undefined, 's1')).toBeDefined(); // 2 is now the oldest
    memo.set(body(3), undefined, remembered('3'));
    expect(memo.get(body(2), undefined, 's1')).toBeUndefined();
    expect(memo.get(body(1), undefined, 's1')).toBeDefined();
    expect(memo.get(body(3), undefined, 's1')).toBeDefined();
  });

  it('does not remember bodies longer than maxBodyLength', () => {
    const memo = createFastPathMemo({ maxBodyLength: 10 });
    memo.set('x'.repeat(11), undefined, remembered('long'));
    expect(memo.get('x'.repeat(11), undefined, 's1')).toBeUndefined();
    memo.set('x'.repeat(10), undefined, remembered('short'));
    expect(memo.get('x'.repeat(10), undefined, 's1')).toBeDefined();
  });
});
