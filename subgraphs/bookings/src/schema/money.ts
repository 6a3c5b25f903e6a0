import { builder } from '../builder.ts';

export interface Money {
  amount: number;
  currency: string;
}

// Defined identically by hotels: a value type, shareable, cached as long as what holds it.
export const MoneyRef = builder.objectRef<Money>('Money').implement({
  description: 'Money in minor units (cents) of an ISO-4217 currency.',
  shareable: true,
  directives: { cacheControl: { inheritMaxAge: true } },
  fields: (t) => ({
    amount: t.exposeInt('amount'),
    currency: t.exposeString('currency'),
  }),
});
