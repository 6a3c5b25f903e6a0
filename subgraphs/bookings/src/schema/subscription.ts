import { errors } from '@travel/errors';
import { isUuid } from '@travel/subgraph-kit';
import { withFilter } from 'graphql-subscriptions';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { canReadBooking } from '../domain/access.ts';
import { BOOKING_CHANGED, type BookingChanged } from '../events/channels.ts';
import { BookingRef } from './booking.ts';

// Declared here so they compose and clients see them. In the supergraph the router serves
// them (graphql-ws) from the same events; these resolvers serve a direct subscriber.

/** The booking-changed events `keep` lets through, for one subscriber. */
function changes(ctx: Context, keep: (event: BookingChanged) => boolean | Promise<boolean>) {
  const subscribe = withFilter(
    () => ctx.pubsub.asyncIterableIterator<BookingChanged>(BOOKING_CHANGED),
    (event) => keep(event as BookingChanged),
  );
  return subscribe() as AsyncIterable<BookingChanged> | Promise<AsyncIterable<BookingChanged>>;
}

/** The booking as it is now, re-read (a subscription outlives any loader cache). */
async function currentBooking(event: BookingChanged, ctx: Context) {
  const booking = await ctx.db.booking.findUnique({ where: { id: event.bookingId } });
  if (!booking || !canReadBooking(ctx.viewer, booking)) throw errors.forbidden();
  return booking;
}

builder.subscriptionType({});

builder.subscriptionFields((t) => ({
  bookingUpdated: t.field({
    type: BookingRef,
    description: "every change of one booking; the guest, the hotel's owner or an ADMIN",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      const id = String(args.id);
      const booking = isUuid(id) ? await ctx.db.booking.findUnique({ where: { id } }) : null;
      if (!booking) throw errors.notFound('Booking', id);
      if (!canReadBooking(ctx.viewer, booking)) throw errors.forbidden();
      return changes(ctx, (event) => event.bookingId === booking.id);
    },
    resolve: (event, _args, ctx) => currentBooking(event, ctx),
  }),
  myBookingUpdates: t.field({
    type: BookingRef,
    description: "every change of any of the viewer's bookings",
    authScopes: { signedIn: true },
    subscribe: (_root, _args, ctx) => changes(ctx, (event) => event.guestId === ctx.viewer?.userId),
    resolve: (event, _args, ctx) => currentBooking(event, ctx),
  }),
  hotelBookingUpdates: t.field({
    type: BookingRef,
    description: "every change of any booking at this hotel; the hotel's owner or an ADMIN",
    authScopes: { signedIn: true },
    args: { hotelId: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) =>
      changes(ctx, async (event) => {
        if (event.hotelId !== String(args.hotelId).toLowerCase()) return false;
        if (ctx.viewer?.role === 'ADMIN') return true;
        // The owner is stored on each booking: check it per event, never trust the argument.
        const booking = await ctx.db.booking.findUnique({ where: { id: event.bookingId } });
        return booking?.hotelOwnerId === ctx.viewer?.userId;
      }),
    resolve: (event, _args, ctx) => currentBooking(event, ctx),
  }),
}));
