import type { TokenIssuer } from '@travel/auth';
import { AppError, errors } from '@travel/errors';
import { parseInput } from '@travel/subgraph-kit';
import type { Db } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password.ts';
import type { AccountUser } from './user.ts';
import { WITHOUT_PASSWORD } from './user.ts';
import { normalizeEmail, type SignUpInput, SignUpInputSchema } from './validation.ts';

export interface AuthResult {
  /** JWT for the Authorization header. */
  token: string;
  user: AccountUser;
}

/** One message for every failed logIn, so answers never tell whether an email has an account. */
export const INVALID_CREDENTIALS = 'Invalid email or password';

/** Creates an account (TRAVELER or PARTNER) and signs the new user in. */
export async function signUp(db: Db, tokens: TokenIssuer, input: SignUpInput): Promise<AuthResult> {
  const { email, password, name, role } = parseInput(SignUpInputSchema, input, 'input');
  const passwordHash = await hashPassword(password);
  let user: AccountUser;
  try {
    user = await db.user.create({
      data: { email, name, role, passwordHash },
      omit: WITHOUT_PASSWORD,
    });
  } catch (error) {
    // The unique index decides, not a prior lookup: two concurrent sign-ups can not both win.
    if (isUniqueViolation(error)) {
      throw errors.badInput('input.email already belongs to an account', 'input.email');
    }
    throw error;
  }
  return { user, token: await tokens.issue({ userId: user.id, role: user.role }) };
}

/**
 * Checks a password and signs the user in. An unknown email is verified against a dummy hash:
 * the same scrypt work and the same error as a wrong password.
 */
export async function logIn(
  db: Db,
  tokens: TokenIssuer,
  email: string,
  password: string,
): Promise<AuthResult> {
  const found = await db.user.findUnique({ where: { email: normalizeEmail(email) } });
  const matches = await verifyPassword(password, found?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!found || !matches) throw new AppError(INVALID_CREDENTIALS, 'UNAUTHENTICATED');
  const { passwordHash: _hash, ...user } = found;
  return { user, token: await tokens.issue({ userId: user.id, role: user.role }) };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
