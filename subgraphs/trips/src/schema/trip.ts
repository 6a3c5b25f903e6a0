import { assumedListSize, cacheHint } from '@travel/service-kit';
import { builder } from '../builder.ts';
import type { Trip } from '../generated/prisma/client.ts';
import { visibleTrip } from '../loaders/visible.ts';
import { ItineraryItemRef } from './itinerary-item.ts';
import { UserRef } from './user.ts';

export const TripRef = builder.objectRef<Trip>('Trip').implement({
  directives: { cacheControl: cacheHint.privateChanging },
  fields: (t) => ({
    id: t.exposeID('id'),
    owner: t.field({
      type: UserRef,
      directives: { cacheControl: cacheHint.reference },
      resolve: (trip) => ({ id: trip.ownerId }),
    }),
    title: t.exposeString('title'),
    destination: t.exposeString('destination'),
    startDate: t.expose('startDate', { type: 'Date' }),
    endDate: t.expose('endDate', { type: 'Date' }),
    items: t.field({
      type: [ItineraryItemRef],
      description: 'ordered by startsAt (nulls last), then creation',
      // Not paged: the cost estimate assumes a long trip's twenty items.
      listSize: assumedListSize(20),
      resolve: (trip, _args, ctx) => ctx.loaders.itemsByTripId.load(trip.id),
    }),
  }),
});

builder.asEntity(TripRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => visibleTrip(ctx, id),
});

builder.queryField('trip', (t) =>
  t.field({
    type: TripRef,
    nullable: true,
    description: 'the owner or an ADMIN; null for anyone else and for unknown ids',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => visibleTrip(ctx, String(id)),
  }),
);
