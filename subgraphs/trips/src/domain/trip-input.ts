import { z } from 'zod';
import { text } from './validation.ts';

const DAY_MS = 86_400_000;
/** A trip spans at most 366 calendar days, both ends included: a whole leap year. */
export const MAX_TRIP_DAYS = 366;

/** Calendar days from `start` to `end`, both included (Dates at UTC midnight). */
export function tripDays(start: Date, end: Date): number {
  return Math.round((end.getTime() - start.getTime()) / DAY_MS) + 1;
}

export const CreateTripSchema = z
  .object({
    title: text(200),
    destination: text(200),
    startDate: z.date(),
    endDate: z.date(),
  })
  .superRefine((trip, ctx) => {
    const days = tripDays(trip.startDate, trip.endDate);
    if (days < 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: 'must not be before startDate',
      });
    } else if (days > MAX_TRIP_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: `must be at most ${MAX_TRIP_DAYS - 1} days after startDate`,
      });
    }
  });

export type CreateTrip = z.output<typeof CreateTripSchema>;
