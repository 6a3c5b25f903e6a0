import type { TokenIssuer, Viewer } from '@travel/auth';
import { errors } from '@travel/errors';
import { type BaseContext, lazyLoaders } from '@travel/service-kit';
import type { Database, Db } from './db.ts';
import type { SignInThrottle } from './domain/sign-in-throttle.ts';
import { type ApiKeyLoaders, createApiKeyLoaders } from './loaders/api-key-loaders.ts';
import { createUserLoaders, type UserLoaders } from './loaders/user-loaders.ts';

export interface Context extends BaseContext {
  db: Db;
  tokens: TokenIssuer;
  /** Shared by every request: sign-in and sign-up counters per email and address. */
  throttle: SignInThrottle;
  loaders: UserLoaders & ApiKeyLoaders;
  /**
   * Users this request proved to be by password (signUp, logIn). The caller has no token yet,
   * but the payload's `user` may show them their own email and keys.
   */
  provenUserIds: Set<string>;
}

export interface ContextDeps {
  db: Database;
  tokens: TokenIssuer;
  throttle: SignInThrottle;
}

const createLoaders = lazyLoaders(createUserLoaders, createApiKeyLoaders);

/**
 * Per request: fresh DataLoaders (each group made when first used), so nothing cached outlives
 * one operation or leaks across users, and the request's own database (its SQL stops when
 * the request is cancelled). It extends the kit's base rather than copying it: a copy would
 * lose its lazy `log` and `signal`.
 */
export function createContext({ db, tokens, throttle }: ContextDeps) {
  return (base: BaseContext): Context => {
    const requestDb = db.$forRequest(base.cancellation);
    return Object.assign(base, {
      db: requestDb,
      tokens,
      throttle,
      loaders: createLoaders(requestDb),
      provenUserIds: new Set<string>(),
    });
  };
}

/** The signed-in viewer; for resolvers behind a signedIn scope (the throw is a safety net). */
export function viewerOf(ctx: Context): Viewer {
  if (!ctx.viewer) throw errors.unauthenticated();
  return ctx.viewer;
}
