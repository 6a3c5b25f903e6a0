import { describe, expect, it } from 'vitest';
import { connectionListSize, MAX_PAGE_SIZE } from './list-size.ts';
import { decodeCursor, encodeCursor, pageArgs, toConnection } from './pagination.ts';

describe('pagination', () => {
  it('round-trips a cursor', () => {
    expect(decodeCursor(encodeCursor('0193-abc'))).toBe('0193-abc');
  });

  it('refuses a cursor it did not issue', () => {
    expect(() => decodeCursor('bm9wZQ')).toThrow(/cursor/);
  });

  it.each([-1, 101, 1.5])('refuses first = %s', (first) => {
    expect(() => pageArgs(first, null)).toThrow(/first must be between 0 and 100/);
  });

  it('serves the largest page, refuses one more as BAD_USER_INPUT, and declares that size', () => {
    expect(pageArgs(MAX_PAGE_SIZE, null).take).toBe(100);
    expect(() => pageArgs(MAX_PAGE_SIZE + 1, null)).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } }),
    );
    // The router costs `first: null` at the declared size: the page the subgraph may serve.
    expect(connectionListSize.assumedSize).toBe(MAX_PAGE_SIZE);
  });

  it('defaults first and reads after', () => {
    expect(pageArgs(undefined, encodeCursor('x'))).toEqual({ take: 20, afterId: 'x' });
  });

  it('knows there is a next page from the extra row', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = toConnection(rows, 2, 10);
    expect(page.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor('b') });
    expect(toConnection(rows, 3, 3).pageInfo.hasNextPage).toBe(false);
  });
});
