import { errors } from '@travel/errors';
import { cacheHint } from '@travel/service-kit';
import { builder } from '../builder.ts';
import { checkStay, MAX_AVAILABILITY_NIGHTS } from '../domain/booking-rules.ts';

/** hotels' RoomType; bookings adds how many of its rooms are still free. */
export const RoomTypeRef = builder.externalRef('RoomType', builder.selection<{ id: string }>('id'));

RoomTypeRef.implement({
  directives: { cacheControl: cacheHint.catalogue },
  // Owned by hotels; the gateway fetches it from there before asking for availableRooms.
  externalFields: (t) => ({ totalRooms: t.int() }),
  fields: (t) => ({
    id: t.exposeID('id'),
    availableRooms: t.int({
      description:
        'rooms still free on every night of [checkIn, checkOut): totalRooms minus the most ' +
        'PENDING or CONFIRMED bookings of any one night',
      directives: { cacheControl: cacheHint.availability },
      // A query over every night of the stay, after an entity fetch for totalRooms.
      cost: 2,
      requires: builder.selection<{ totalRooms: number }>('totalRooms'),
      args: {
        checkIn: t.arg({ type: 'Date', required: true }),
        checkOut: t.arg({ type: 'Date', required: true }),
      },
      resolve: async (roomType, { checkIn, checkOut }, ctx) => {
        // The gateway always sends it (@requires); a hand-made representation may not.
        if (!Number.isInteger(roomType.totalRooms)) {
          throw errors.badInput('the RoomType representation must include totalRooms');
        }
        checkStay(checkIn, checkOut, MAX_AVAILABILITY_NIGHTS);
        const booked = await ctx.loaders.peakBookedRooms(checkIn, checkOut).load(roomType.id);
        return Math.max(0, roomType.totalRooms - booked);
      },
    }),
  }),
});
