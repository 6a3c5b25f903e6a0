import type { Viewer } from '@travel/auth';
import { errors } from '@travel/errors';
import {
  type BaseContext,
  type EntityChangePublisher,
  type EntityChanges,
  entityChangesFor,
} from '@travel/service-kit';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { BookingsClient } from './bookings/bookings-client.ts';
import type { Database, Db } from './db.ts';
import { createLoaders, type Loaders } from './loaders/index.ts';

export type Context = BaseContext &
  EntityChanges & {
    db: Db;
    loaders: Loaders;
    bookings: BookingsClient;
    pubsub: PubSubEngine;
  };

export interface ContextDeps {
  db: Database;
  bookings: BookingsClient;
  /** Announces entity changes: `ctx.changed` publishes through it. */
  publisher: EntityChangePublisher;
  /** Where a direct subscriber's Subscription fields listen (where changes are published). */
  pubsub: PubSubEngine;
}

/**
 * Per request: fresh DataLoaders, so nothing cached outlives the request that loaded it, and
 * the request's own database (its SQL stops when the request is cancelled). It extends the
 * kit's base rather than copying it: a copy would lose its lazy `log` and `signal`.
 */
export function createContext({ db, bookings, publisher, pubsub }: ContextDeps) {
  return (base: BaseContext): Context => {
    const requestDb = db.$forRequest(base.cancellation);
    return Object.assign(base, entityChangesFor(publisher, base), {
      db: requestDb,
      bookings,
      pubsub,
      loaders: createLoaders(requestDb),
    });
  };
}

/** The signed-in viewer; fields that call this are guarded by the `signedIn` scope first. */
export function viewerOf(ctx: Context): Viewer {
  if (!ctx.viewer) throw errors.unauthenticated();
  return ctx.viewer;
}
