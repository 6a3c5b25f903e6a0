import { cacheHint } from '@travel/service-kit';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { canReadBooking } from '../domain/access.ts';
import type { Booking } from '../generated/prisma/client.ts';
import { RoomTypeRef } from './availability.ts';
import { BookingStatusEnum } from './booking-status.ts';
import { HotelRef } from './hotel.ts';
import { UserRef } from './user.ts';
import { MoneyRef } from './value-types.ts';

export const BookingRef = builder.objectRef<Booking>('Booking').implement({
  // About one guest: cached per user only, briefly (its status moves).
  directives: { cacheControl: cacheHint.privateChanging },
  fields: (t) => ({
    id: t.exposeID('id'),
    guest: t.field({
      type: UserRef,
      directives: { cacheControl: cacheHint.reference },
      resolve: (booking) => ({ id: booking.guestId }),
    }),
    roomType: t.field({
      type: RoomTypeRef,
      directives: { cacheControl: cacheHint.reference },
      resolve: (booking) => ({ id: booking.roomTypeId }),
    }),
    hotel: t.field({
      type: HotelRef,
      directives: { cacheControl: cacheHint.reference },
      resolve: (booking) => ({ id: booking.hotelId }),
    }),
    checkIn: t.expose('checkIn', { type: 'Date' }),
    checkOut: t.expose('checkOut', { type: 'Date' }),
    guests: t.exposeInt('guests'),
    status: t.expose('status', { type: BookingStatusEnum }),
    totalPrice: t.field({
      type: MoneyRef,
      description: 'nightlyRate x nights, fixed when the booking is made',
      resolve: (booking) => ({ amount: booking.totalPriceAmount, currency: booking.currency }),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

/** A booking the viewer may see, or null: references from other subgraphs can not leak one. */
async function readableBooking(id: string, ctx: Context): Promise<Booking | null> {
  const booking = await ctx.loaders.bookingById.load(id);
  return booking && canReadBooking(ctx.viewer, booking) ? booking : null;
}

builder.asEntity(BookingRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => readableBooking(id, ctx),
});

builder.queryField('booking', (t) =>
  t.field({
    type: BookingRef,
    nullable: true,
    description:
      "the guest, the hotel's owner or an ADMIN; null for anyone else and for unknown ids",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => readableBooking(String(id), ctx),
  }),
);
