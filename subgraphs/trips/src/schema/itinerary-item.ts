import { cacheHint } from '@travel/service-kit';
import { builder } from '../builder.ts';
import { ITINERARY_ITEM_KINDS } from '../domain/item-kinds.ts';
import type { ItineraryItem } from '../generated/prisma/client.ts';
import { visibleItem } from '../loaders/visible.ts';
import { BookingRef } from './booking.ts';
import { HotelRef } from './hotel.ts';

export const ItineraryItemKindRef = builder.enumType('ItineraryItemKind', {
  values: ITINERARY_ITEM_KINDS,
});

export const ItineraryItemRef = builder.objectRef<ItineraryItem>('ItineraryItem').implement({
  directives: { cacheControl: cacheHint.privateChanging },
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: ItineraryItemKindRef }),
    title: t.exposeString('title'),
    startsAt: t.expose('startsAt', { type: 'DateTime', nullable: true }),
    notes: t.exposeString('notes', { nullable: true }),
    booking: t.field({
      type: BookingRef,
      nullable: true,
      description:
        "bookings subgraph entity; set when the item is linked to one of the owner's bookings",
      directives: { cacheControl: cacheHint.reference },
      resolve: (item) => (item.bookingId ? { id: item.bookingId } : null),
    }),
    hotel: t.field({
      type: HotelRef,
      nullable: true,
      description: 'hotels subgraph entity',
      directives: { cacheControl: cacheHint.reference },
      resolve: (item) => (item.hotelId ? { id: item.hotelId } : null),
    }),
  }),
});

builder.asEntity(ItineraryItemRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => visibleItem(ctx, id),
});
