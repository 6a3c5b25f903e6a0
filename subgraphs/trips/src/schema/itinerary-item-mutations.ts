import { errors } from '@travel/errors';
import { parseInput } from '@travel/service-kit';
import { builder } from '../builder.ts';
import { viewerOf } from '../context.ts';
import { isForeignKeyViolation } from '../db-errors.ts';
import { assertTripOwner } from '../domain/access.ts';
import { assertBookingOfOwner } from '../domain/booking-ownership.ts';
import { ItineraryItemSchema } from '../domain/item-input.ts';
import { tripChange } from '../domain/trip-change.ts';
import { ownedTrip } from '../loaders/visible.ts';
import { ItineraryItemKindRef, ItineraryItemRef } from './itinerary-item.ts';

const ItineraryItemInput = builder.inputType('ItineraryItemInput', {
  fields: (t) => ({
    kind: t.field({ type: ItineraryItemKindRef, required: true }),
    title: t.string({ required: true }),
    startsAt: t.field({ type: 'DateTime' }),
    notes: t.string(),
    bookingId: t.id({ description: "must be a booking of the trip's owner" }),
    hotelId: t.id(),
  }),
});

builder.mutationField('addItineraryItem', (t) =>
  t.field({
    type: ItineraryItemRef,
    description: "the trip's owner",
    authScopes: { signedIn: true },
    args: {
      tripId: t.arg.id({ required: true }),
      input: t.arg({ type: ItineraryItemInput, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const tripId = String(args.tripId);
      const trip = await ownedTrip(ctx, tripId);
      const data = parseInput(ItineraryItemSchema, args.input, 'input');
      // Last, as it is the costly check: a call to the bookings subgraph.
      if (data.bookingId) {
        await assertBookingOfOwner(ctx.bookings, data.bookingId, trip.ownerId, ctx);
      }
      try {
        // The trip's version moves with its itinerary, in the same transaction.
        const [item, changed] = await ctx.db.$transaction([
          ctx.db.itineraryItem.create({ data: { ...data, tripId: trip.id } }),
          ctx.db.trip.update({ where: { id: trip.id }, data: { version: { increment: 1 } } }),
        ]);
        // Cached answers showing the trip's items are now stale.
        await ctx.changed(tripChange(changed));
        return item;
      } catch (error) {
        if (isForeignKeyViolation(error)) throw errors.notFound('Trip', tripId); // deleted meanwhile
        throw error;
      }
    },
  }),
);

builder.mutationField('removeItineraryItem', (t) =>
  t.boolean({
    description: "the trip's owner",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const viewer = viewerOf(ctx);
      const item = await ctx.loaders.itemById.load(id);
      if (!item) throw errors.notFound('ItineraryItem', id);
      const trip = await ctx.loaders.tripById.load(item.tripId);
      assertTripOwner(viewer, trip, 'ItineraryItem', id);
      const changed = await ctx.db.$transaction(async (tx) => {
        const { count } = await tx.itineraryItem.deleteMany({ where: { id: item.id } });
        if (count === 0) throw errors.notFound('ItineraryItem', id); // removed concurrently
        return tx.trip.update({ where: { id: item.tripId }, data: { version: { increment: 1 } } });
      });
      await ctx.changed(tripChange(changed, { invalidates: [`ItineraryItem:${item.id}`] }));
      return true;
    },
  }),
);
