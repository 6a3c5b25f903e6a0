import { errors } from '@travel/errors';
import { ENTITY_CHANGES_CHANNEL, type EntityChange } from '@travel/service-kit';
import { withFilter } from 'graphql-subscriptions';
import { builder } from '../builder.ts';
import { visibleTrip } from '../loaders/visible.ts';
import { TripRef } from './trip.ts';

// Declared with its `@follows` binding: in the supergraph the router serves it from the trips'
// entity changes with no code of its own (it asks `trip(id:)` as the subscriber, re-reads with
// it, follows the audience key `Trip:<id>`). The resolvers serve a direct subscriber.

builder.subscriptionType({});

builder.subscriptionField('tripUpdated', (t) =>
  t.field({
    type: TripRef,
    nullable: true,
    description: 'every change of one trip or its itinerary; the owner (or an ADMIN)',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    directives: {
      follows: { entity: 'Trip', audience: 'Trip:{id}', read: 'trip', authorize: 'trip(id: $id)' },
    },
    subscribe: async (_root, args, ctx) => {
      // Unknown and someone else's read alike: ids can not be probed.
      const trip = await visibleTrip(ctx, String(args.id));
      if (!trip) throw errors.forbidden('You may not follow this trip');
      const subscribe = withFilter(
        () => ctx.pubsub.asyncIterableIterator<EntityChange>(ENTITY_CHANGES_CHANNEL),
        (event) => (event as EntityChange).entity === `Trip:${trip.id}`,
      );
      return subscribe() as AsyncIterable<EntityChange>;
    },
    resolve: (event, _args, ctx) => visibleTrip(ctx, event.entity.slice('Trip:'.length)),
  }),
);
