import DataLoader from 'dataloader';
import { isUuid } from './ids.ts';

/** Ids worth sending to Postgres: well-formed uuids, lower case, once each. */
export function validIds(ids: readonly string[]): string[] {
  return [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
}

/** Loads rows by id in one query; misses and malformed ids answer null (no query for them). */
export function byIdLoader<Row extends { id: string }>(
  find: (ids: string[]) => Promise<Row[]>,
): DataLoader<string, Row | null> {
  return new DataLoader(async (keys) => {
    const ids = validIds(keys);
    const rows = ids.length > 0 ? await find(ids) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return keys.map((key) => byId.get(key.toLowerCase()) ?? null);
  });
}

/**
 * Loads lists by a parent id in one query (`find` gets the valid ids and returns the rows of
 * all of them, in the order each list should have); every key answers its own rows, or [].
 */
export function listLoader<Row>(
  parentOf: (row: Row) => string,
  find: (ids: string[]) => Promise<Row[]>,
): DataLoader<string, Row[]> {
  return new DataLoader(async (keys) => {
    const ids = validIds(keys);
    const rows = ids.length > 0 ? await find(ids) : [];
    const byParent = new Map<string, Row[]>();
    for (const row of rows) {
      const list = byParent.get(parentOf(row));
      if (list) list.push(row);
      else byParent.set(parentOf(row), [row]);
    }
    return keys.map((key) => byParent.get(key.toLowerCase()) ?? []);
  });
}
