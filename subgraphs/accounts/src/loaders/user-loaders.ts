import { byIdLoader } from '@travel/subgraph-kit';
import type { Db } from '../db.ts';
import { type AccountUser, WITHOUT_PASSWORD } from '../domain/user.ts';

export type UserLoaders = ReturnType<typeof createUserLoaders>;

export function createUserLoaders(db: Db) {
  return {
    /** One query for N ids (entities, me, user); null for unknown or malformed ids. */
    userById: byIdLoader<AccountUser>((ids) =>
      db.user.findMany({ where: { id: { in: ids } }, omit: WITHOUT_PASSWORD }),
    ),
  };
}
