import { cacheHint } from '@travel/subgraph-kit';
import { builder } from '../builder.ts';

export interface Money {
  /** minor units (cents) */
  amount: number;
  currency: string;
}

// Shareable: bookings returns Money too (a booking's total price).
export const MoneyRef = builder.objectRef<Money>('Money').implement({
  description: 'Money in minor units (cents) of an ISO-4217 currency.',
  shareable: true,
  directives: { cacheControl: cacheHint.catalogue },
  fields: (t) => ({
    amount: t.exposeInt('amount'),
    currency: t.exposeString('currency'),
  }),
});
