import type { Viewer } from '@travel/auth';
import { errors } from '@travel/errors';
import type { BaseContext } from '@travel/service-kit';
import type { Database, Db } from './db.ts';
import { createLoaders, type Loaders } from './loaders/index.ts';

export type Context = BaseContext & { db: Db; loaders: Loaders };

export interface ContextDeps {
  db: Database;
}

/**
 * Per request: fresh DataLoaders, so nothing cached outlives the request that loaded it, and
 * the request's own database (its SQL stops when the request is cancelled). It extends the
 * kit's base rather than copying it: a copy would lose its lazy `log` and `signal`.
 */
export function createContext({ db }: ContextDeps) {
  return (base: BaseContext): Context => {
    const requestDb = db.$forRequest(base.cancellation);
    return Object.assign(base, { db: requestDb, loaders: createLoaders(requestDb) });
  };
}

/** The signed-in viewer of a field whose auth scopes already demanded one. */
export function viewerOf(context: Context): Viewer {
  if (!context.viewer) throw errors.unauthenticated();
  return context.viewer;
}
