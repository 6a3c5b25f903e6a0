import { readStatement } from '@travel/service-kit';
import type { AccountUser } from '../domain/user.ts';

// Every column but the password hash, under its Prisma field name: a row read here is an
// AccountUser (read-statements.int.test.ts compares it with Prisma's).
const USER = `id, email, name, role, created_at AS "createdAt"`;

/** $1: ids. */
export const usersById = readStatement<AccountUser>(
  'users_by_id',
  `SELECT ${USER} FROM users WHERE id = ANY($1::uuid[])`,
);
