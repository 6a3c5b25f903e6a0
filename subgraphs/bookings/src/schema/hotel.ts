import { cacheHint } from '@travel/service-kit';
import { builder } from '../builder.ts';

/** hotels' Hotel, only referred to (Booking.hotel): this subgraph never resolves it. */
export const HotelRef = builder.externalRef(
  'Hotel',
  builder.keyDirective(builder.selection<{ id: string }>('id'), false),
);

HotelRef.implement({
  directives: { cacheControl: cacheHint.catalogue },
  fields: (t) => ({ id: t.exposeID('id') }),
});
