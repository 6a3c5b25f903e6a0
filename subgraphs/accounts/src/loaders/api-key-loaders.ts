import DataLoader from 'dataloader';
import type { Db } from '../db.ts';
import type { ApiKey } from '../generated/prisma/client.ts';

export type ApiKeyLoaders = ReturnType<typeof createApiKeyLoaders>;

export function createApiKeyLoaders(db: Db) {
  return {
    /** Every key of each user (revoked ones too), newest first; one query for N users. */
    apiKeysByUserId: new DataLoader<string, ApiKey[]>(async (userIds) => {
      const rows = await db.apiKey.findMany({
        where: { userId: { in: [...userIds] } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
      const byUser = new Map<string, ApiKey[]>();
      for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
      return userIds.map((userId) => byUser.get(userId) ?? []);
    }),
  };
}
