import type { TokenIssuer } from '@travel/auth';
import { AppError, errors } from '@travel/errors';
import { parseInput } from '@travel/service-kit';
import type { Db } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password.ts';
import type { SignInThrottle } from './sign-in-throttle.ts';
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

/** Who is signing in or up, for throttling: the client's address and the throttle. */
export interface SignInGuard {
  throttle: SignInThrottle;
  clientAddress: string;
}

/**
 * Creates an account (TRAVELER or PARTNER) and signs the new user in. A taken email is said
 * plainly (people need to know to log in instead), but each address may hear it only
 * SIGNUP_MAX_TAKEN_PER_ADDRESS times per window, and try signUp SIGNUP_MAX_PER_ADDRESS times:
 * emails can not be probed at speed.
 */
export async function signUp(
  db: Db,
  tokens: TokenIssuer,
  input: SignUpInput,
  { throttle, clientAddress }: SignInGuard,
): Promise<AuthResult> {
  await throttle.checkSignUp(clientAddress);
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
      await throttle.signUpEmailTaken(clientAddress);
      throw errors.badInput('input.email already belongs to an account', 'input.email');
    }
    throw error;
  }
  return { user, token: await tokens.issue({ userId: user.id, role: user.role }) };
}

/**
 * Checks a password and signs the user in. An unknown email is verified against a dummy hash:
 * the same scrypt work and the same error as a wrong password, and it is throttled alike
 * (LOGIN_MAX_FAILURES per email and address, then RATE_LIMITED even for the right password,
 * until the block ends). Nothing in the answer or its timing tells whether the account exists.
 */
export async function logIn(
  db: Db,
  tokens: TokenIssuer,
  email: string,
  password: string,
  { throttle, clientAddress }: SignInGuard,
): Promise<AuthResult> {
  await throttle.checkLogIn(email, clientAddress);
  const found = await db.user.findUnique({ where: { email: normalizeEmail(email) } });
  const matches = await verifyPassword(password, found?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!found || !matches) {
    await throttle.loginFailed(email, clientAddress);
    throw new AppError(INVALID_CREDENTIALS, 'UNAUTHENTICATED');
  }
  await throttle.loginSucceeded(email, clientAddress);
  const { passwordHash: _hash, ...user } = found;
  return { user, token: await tokens.issue({ userId: user.id, role: user.role }) };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
