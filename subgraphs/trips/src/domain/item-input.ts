import { z } from 'zod';
import { ITINERARY_ITEM_KINDS } from './item-kinds.ts';
import { optionalId, text } from './validation.ts';

export const MAX_NOTES_LENGTH = 5000;

/** Said of any bookingId that can not be linked: unknown, malformed or someone else's alike. */
export const NOT_YOUR_BOOKING = 'is not one of your bookings';

export const ItineraryItemSchema = z.object({
  kind: z.enum(ITINERARY_ITEM_KINDS, 'is not an itinerary item kind'),
  title: text(200),
  startsAt: z
    .date()
    .nullish()
    .transform((date) => date ?? null),
  notes: z
    .string()
    .max(MAX_NOTES_LENGTH, `must be at most ${MAX_NOTES_LENGTH} characters`)
    .nullish()
    .transform((notes) => notes ?? null),
  // Checked with the bookings subgraph afterwards; a malformed id can not be a booking.
  bookingId: optionalId(NOT_YOUR_BOOKING),
  // Stored as given: the hotels subgraph resolves it (a deleted hotel resolves to null).
  hotelId: optionalId('must be a hotel id (a UUID)'),
});

export type ItineraryItemData = z.output<typeof ItineraryItemSchema>;
