import { errors } from '@travel/errors';
import { cacheHint, parseInput } from '@travel/service-kit';
import { builder } from '../builder.ts';
import { canManageHotel } from '../domain/access.ts';
import { roomTypeInput } from '../domain/catalogue-input.ts';
import type { RoomType } from '../generated/prisma/client.ts';
import { HotelRef, loadHotel } from './hotel.ts';
import { MoneyRef } from './value-types.ts';

export const RoomTypeRef = builder.objectRef<RoomType>('RoomType');

RoomTypeRef.implement({
  directives: { cacheControl: cacheHint.catalogue },
  fields: (t) => ({
    id: t.exposeID('id'),
    hotel: t.field({
      type: HotelRef,
      resolve: (roomType, _args, ctx) => loadHotel(ctx, roomType.hotelId),
    }),
    name: t.exposeString('name'),
    maxGuests: t.exposeInt('maxGuests'),
    // Also what the bookings subgraph @requires for availableRooms.
    totalRooms: t.exposeInt('totalRooms'),
    nightlyRate: t.field({
      type: MoneyRef,
      resolve: (roomType) => ({ amount: roomType.nightlyRateAmount, currency: roomType.currency }),
    }),
  }),
});

builder.asEntity(RoomTypeRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.roomTypeById.load(id),
});

const RoomTypeInput = builder.inputType('RoomTypeInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    maxGuests: t.int({ required: true }),
    totalRooms: t.int({ required: true }),
    nightlyRate: t.int({ required: true, description: 'minor units' }),
    currency: t.string({ required: true }),
  }),
});

builder.mutationField('addRoomType', (t) =>
  t.field({
    type: RoomTypeRef,
    description: "the hotel's owner or an ADMIN",
    authScopes: { partner: true, admin: true },
    args: {
      hotelId: t.arg.id({ required: true }),
      input: t.arg({ type: RoomTypeInput, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const hotel = await loadHotel(ctx, String(args.hotelId));
      if (!canManageHotel(ctx.viewer, hotel)) {
        throw errors.forbidden("Only the hotel's owner or an ADMIN may add room types");
      }
      const { nightlyRate, ...data } = parseInput(roomTypeInput, args.input, 'input');
      const roomType = await ctx.db.roomType.create({
        data: { ...data, nightlyRateAmount: nightlyRate, hotelId: hotel.id },
      });
      ctx.loaders.roomTypesByHotelId.clear(hotel.id);
      // Cached answers listing the hotel's room types are now stale.
      ctx.invalidate('Hotel', hotel.id);
      // A search by guests or nightly rate may now list the hotel.
      ctx.invalidateList('Hotel');
      return roomType;
    },
  }),
);
