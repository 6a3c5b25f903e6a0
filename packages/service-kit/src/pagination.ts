import { AppError } from '@travel/errors';
// Bigger pages are refused, not silently cut: a client learns its `first` is too large.
import { MAX_PAGE_SIZE } from './list-size.ts';

const PREFIX = 'cursor:';

/** Cursors are opaque to clients (base64url of the row id) so the ordering key can change. */
export function encodeCursor(id: string): string {
  return Buffer.from(`${PREFIX}${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(PREFIX) || text.length === PREFIX.length) {
    throw new AppError('after is not a cursor this API returned', 'BAD_USER_INPUT', {
      field: 'after',
    });
  }
  return text.slice(PREFIX.length);
}

export interface Page {
  /** Rows to return. */
  take: number;
  /** Id of the last row already seen, from the `after` cursor. */
  afterId: string | undefined;
}

/** Checks `first`/`after` of a connection field and turns them into a query page. */
export function pageArgs(
  first: number | null | undefined,
  after: string | null | undefined,
  fallback = 20,
): Page {
  const take = first ?? fallback;
  if (!Number.isInteger(take) || take < 0 || take > MAX_PAGE_SIZE) {
    throw new AppError(`first must be between 0 and ${MAX_PAGE_SIZE}`, 'BAD_USER_INPUT', {
      field: 'first',
    });
  }
  return { take, afterId: after ? decodeCursor(after) : undefined };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/**
 * Builds a connection from rows fetched with `take + 1`: the extra row, if present, only
 * proves there is a next page, so no second query is needed for `hasNextPage`.
 */
export function toConnection<T extends { id: string }>(
  rows: T[],
  take: number,
  totalCount: number,
): Connection<T> {
  const nodes = rows.slice(0, take);
  const last = nodes.at(-1);
  return {
    edges: nodes.map((node) => ({ cursor: encodeCursor(node.id), node })),
    pageInfo: { hasNextPage: rows.length > take, endCursor: last ? encodeCursor(last.id) : null },
    totalCount,
  };
}

/** A connection whose count runs only when a client selects `totalCount`. */
export type LazyConnection<T> = Omit<Connection<T>, 'totalCount'> & {
  totalCount: () => Promise<number>;
};

/**
 * `toConnection` for rows fetched with `take + 1`, counting lazily: the COUNT statement is
 * sent only if `totalCount` is resolved (the field's resolver calls it).
 */
export function lazyConnection<T extends { id: string }>(
  rows: T[],
  take: number,
  count: () => Promise<number>,
): LazyConnection<T> {
  const { edges, pageInfo } = toConnection(rows, take, 0);
  return { edges, pageInfo, totalCount: count };
}
