import { cacheHint } from '@travel/service-kit';
import { builder } from '../builder.ts';

// bookings owns Booking; trips only keeps the id of a linked booking. The key is not
// resolvable here: the gateway asks bookings for every field of it.
export const BookingRef = builder
  .externalRef('Booking', builder.keyDirective(builder.selection<{ id: string }>('id'), false))
  .implement({
    directives: { cacheControl: cacheHint.reference },
    externalFields: (t) => ({ id: t.id() }),
  });
