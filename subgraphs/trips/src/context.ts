import type { Viewer } from '@travel/auth';
import { errors } from '@travel/errors';
import type { BaseContext } from '@travel/subgraph-kit';
import type { BookingsClient } from './bookings/bookings-client.ts';
import type { Db } from './db.ts';
import { createLoaders, type Loaders } from './loaders/index.ts';

export type Context = BaseContext & { db: Db; loaders: Loaders; bookings: BookingsClient };

export interface ContextDeps {
  db: Db;
  bookings: BookingsClient;
}

/** Per request: fresh DataLoaders, so nothing cached outlives the request that loaded it. */
export function createContext({ db, bookings }: ContextDeps) {
  return (base: BaseContext): Context => ({ ...base, db, bookings, loaders: createLoaders(db) });
}

/** The signed-in viewer; fields that call this are guarded by the `signedIn` scope first. */
export function viewerOf(ctx: Context): Viewer {
  if (!ctx.viewer) throw errors.unauthenticated();
  return ctx.viewer;
}
