import { byIdLoader } from '@travel/service-kit';
import type { Db } from '../db.ts';
import { usersById } from './read-statements.ts';

export type UserLoaders = ReturnType<typeof createUserLoaders>;

export function createUserLoaders(db: Db) {
  return {
    /** One query for N ids (entities, me, user); null for unknown or malformed ids. */
    userById: byIdLoader((ids) => db.$reads.rows(usersById, [ids])),
  };
}
