import { databaseForFile } from '@travel/testing';
import { expect, it } from 'vitest';
import { createDb } from '../db.ts';
import { WITHOUT_PASSWORD } from '../domain/user.ts';
import { usersById } from './read-statements.ts';

const db = databaseForFile('accounts', createDb);
// A column added to the schema and missed by the statement fails here; the hash never shows.
it("reads users exactly as Prisma's rows without the password hash", async () => {
  const user = (email: string, role: 'TRAVELER' | 'PARTNER') =>
    db().user.create({ data: { email, name: email.split('@')[0] ?? '', passwordHash: 'x', role } });
  const ids = [
    (await user('ana@example.com', 'TRAVELER')).id,
    (await user('rui@example.com', 'PARTNER')).id,
  ];
  const rows = await db().$reads.rows(usersById, [ids]);
  expect([...rows].sort((x, y) => x.id.localeCompare(y.id))).toStrictEqual(
    await db().user.findMany({
      where: { id: { in: ids } },
      omit: WITHOUT_PASSWORD,
      orderBy: { id: 'asc' },
    }),
  );
});
