import { errors } from '@travel/errors';
import { ENTITY_CHANGES_CHANNEL, type EntityChange, isUuid } from '@travel/service-kit';
import { withFilter } from 'graphql-subscriptions';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { canReadBooking } from '../domain/access.ts';
import { BookingRef } from './booking.ts';

// Declared here so they compose and clients see them, each with its `@follows` binding: in the
// supergraph the router serves them from the same entity changes, generically (the binding
// says which changes, which audience key, which query re-reads and which authorizes). These
// resolvers serve a subscriber that reaches the subgraph directly.

const BOOKING = 'Booking:';

/** The booking changes `keep` lets through, for one subscriber. */
function changes(ctx: Context, keep: (event: EntityChange) => boolean | Promise<boolean>) {
  const subscribe = withFilter(
    () => ctx.pubsub.asyncIterableIterator<EntityChange>(ENTITY_CHANGES_CHANNEL),
    (event) => (event as EntityChange).entity.startsWith(BOOKING) && keep(event as EntityChange),
  );
  return subscribe() as AsyncIterable<EntityChange> | Promise<AsyncIterable<EntityChange>>;
}

const bookingIdOf = (event: EntityChange) => event.entity.slice(BOOKING.length);

/** The booking as it is now, re-read (a subscription outlives any loader cache). */
async function currentBooking(event: EntityChange, ctx: Context) {
  const booking = await ctx.db.booking.findUnique({ where: { id: bookingIdOf(event) } });
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
    directives: {
      follows: {
        entity: 'Booking',
        audience: 'Booking:{id}',
        read: 'booking',
        authorize: 'booking(id: $id)',
      },
    },
    subscribe: async (_root, args, ctx) => {
      const id = String(args.id);
      const booking = isUuid(id) ? await ctx.db.booking.findUnique({ where: { id } }) : null;
      if (!booking) throw errors.notFound('Booking', id);
      if (!canReadBooking(ctx.viewer, booking)) throw errors.forbidden();
      return changes(ctx, (event) => bookingIdOf(event) === booking.id);
    },
    resolve: (event, _args, ctx) => currentBooking(event, ctx),
  }),
  myBookingUpdates: t.field({
    type: BookingRef,
    description: "every change of any of the viewer's bookings",
    authScopes: { signedIn: true },
    directives: { follows: { entity: 'Booking', audience: 'User:{viewer}', read: 'booking' } },
    subscribe: (_root, _args, ctx) =>
      changes(ctx, (event) => event.audience.includes(`User:${ctx.viewer?.userId}`)),
    resolve: (event, _args, ctx) => currentBooking(event, ctx),
  }),
  hotelBookingUpdates: t.field({
    type: BookingRef,
    description: "every change of any booking at this hotel; the hotel's owner or an ADMIN",
    authScopes: { signedIn: true },
    args: { hotelId: t.arg.id({ required: true }) },
    directives: {
      follows: {
        entity: 'Booking',
        audience: 'Hotel:{hotelId}',
        read: 'booking',
        authorize: 'managedHotel(id: $hotelId)',
      },
    },
    subscribe: (_root, args, ctx) =>
      changes(ctx, async (event) => {
        if (!event.audience.includes(`Hotel:${String(args.hotelId).toLowerCase()}`)) return false;
        if (ctx.viewer?.role === 'ADMIN') return true;
        // The owner is stored on each booking: check it per event, never trust the argument.
        const booking = await ctx.db.booking.findUnique({ where: { id: bookingIdOf(event) } });
        return booking?.hotelOwnerId === ctx.viewer?.userId;
      }),
    resolve: (event, _args, ctx) => currentBooking(event, ctx),
  }),
}));
