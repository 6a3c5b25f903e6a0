import type { User } from '../generated/prisma/client.ts';

/** A user as resolvers see it: the password hash never leaves the domain layer. */
export type AccountUser = Omit<User, 'passwordHash'>;

/** Prisma `omit` that keeps the password hash out of rows read for the API. */
export const WITHOUT_PASSWORD = { passwordHash: true } as const;
