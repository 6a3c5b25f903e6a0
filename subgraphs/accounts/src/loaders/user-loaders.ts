import DataLoader from 'dataloader';
import type { Db } from '../db.ts';
import type { AccountUser } from '../domain/user.ts';
import { WITHOUT_PASSWORD } from '../domain/user.ts';
import { isUuid } from '../domain/validation.ts';

export type UserLoaders = ReturnType<typeof createUserLoaders>;

export function createUserLoaders(db: Db) {
  return {
    /** One query for N ids (entities, me, user); null for unknown or malformed ids. */
    userById: new DataLoader<string, AccountUser | null>(async (ids) => {
      const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
      if (wanted.length === 0) return ids.map(() => null);
      const rows = await db.user.findMany({
        where: { id: { in: wanted } },
        omit: WITHOUT_PASSWORD,
      });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
  };
}
