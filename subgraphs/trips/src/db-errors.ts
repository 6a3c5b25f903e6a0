import { Prisma } from './generated/prisma/client.ts';

/** A row referred to a parent that is gone: here, an item added to a trip deleted meanwhile. */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003';
}
