import { assumedListSize, cacheHint } from '@travel/service-kit';
import { builder } from '../builder.ts';
import { canListTripsOf } from '../domain/access.ts';
import { TripRef } from './trip.ts';

// accounts owns User; trips only adds a user's trips. Resolving a reference needs no query:
// the key is all this subgraph keeps about a user. The type's hint is what `_entities` of
// users is cached by here, and all that trips tells about a user is private.
export const UserRef = builder
  .externalRef('User', builder.selection<{ id: string }>('id'), ({ id }) => ({ id }))
  .implement({
    directives: { cacheControl: cacheHint.privateChanging },
    externalFields: (t) => ({ id: t.id() }),
  });

// A field of its own, so that UserRef's type does not depend on TripRef's (which has `owner`).
builder.objectField(UserRef, 'trips', (t) =>
  t.field({
    type: [TripRef],
    description: 'trips subgraph. Only this user or an ADMIN; others get a FORBIDDEN error.',
    // Not paged: the cost estimate assumes twenty trips.
    listSize: assumedListSize(20),
    directives: { cacheControl: cacheHint.privateChanging },
    // Anonymous callers get UNAUTHENTICATED, signed-in others FORBIDDEN (see builder.ts).
    authScopes: (user, _args, ctx) => canListTripsOf(ctx.viewer, user.id),
    resolve: (user, _args, ctx) => ctx.loaders.tripsByOwnerId.load(user.id),
  }),
);
