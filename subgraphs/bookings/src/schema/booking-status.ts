import { builder } from '../builder.ts';

export const BookingStatusEnum = builder.enumType('BookingStatus', {
  values: ['PENDING', 'CONFIRMED', 'CANCELLED'] as const,
});
