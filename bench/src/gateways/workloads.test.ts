import { describe, expect, it } from 'vitest';
import {
  addDays,
  cancelOfLeftover,
  createSequenceFactory,
  type Fixtures,
  shuffledProduct,
} from './workloads.ts';

const fixtures: Fixtures = {
  // As many travelers as the demo data seeds (44): the varied sets need them.
  travelerTokens: Array.from({ length: 44 }, (_, i) => `t${i}`),
  partnerApiKey: 'key',
  partnerToken: 'partner-token',
  partnerOperation: { id: 'abc', body: 'query PartnerHotelDetails { __typename }' },
  hotelIds: Array.from({ length: 20 }, (_, i) => `h${i}`),
  roomTypes: Array.from({ length: 20 }, (_, i) => ({ id: `r${i}`, maxGuests: 1 + (i % 3) })),
  firstDay: '2026-12-01',
};

const take = (sequence: { next(a?: string): { body: string } }, n: number) =>
  Array.from({ length: n }, () => sequence.next(undefined).body);

describe('addDays', () => {
  it('moves a UTC date, across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-02-28', 0)).toBe('2026-02-28');
  });
});

describe('shuffledProduct', () => {
  it('holds every combination once, in an order fixed by the seed', () => {
    const product = shuffledProduct(
      [
        [1, 2, 3],
        [4, 5],
      ],
      7,
    );
    expect(product).toHaveLength(6);
    expect(new Set(product.map((p) => p.join()))).toEqual(
      new Set(['1,4', '1,5', '2,4', '2,5', '3,4', '3,5']),
    );
    expect(
      shuffledProduct(
        [
          [1, 2, 3],
          [4, 5],
        ],
        7,
      ),
    ).toEqual(product);
  });
});

describe('createSequenceFactory', () => {
  it('identical: every request of every connection is the same', () => {
    const factory = createSequenceFactory('search', 'identical', fixtures, {
      router: true,
      seed: 1,
    });
    const bodies = [...take(factory(0), 5), ...take(factory(1), 5)];
    expect(new Set(bodies).size).toBe(1);
  });

  it('varied: 50 requests in a row, over all connections, are all different', () => {
    for (const query of ['search', 'signed-in', 'partner'] as const) {
      const factory = createSequenceFactory(query, 'varied', fixtures, { router: true, seed: 1 });
      const connections = Array.from({ length: 10 }, (_, i) => factory(i));
      const bodies = Array.from({ length: 50 }, (_, i) => {
        const sequence = connections[i % 10];
        const spec = sequence?.next(undefined);
        return `${spec?.headers.authorization} ${spec?.body}`;
      });
      expect(new Set(bodies).size, query).toBe(50);
    }
  });

  it('partner: a persisted id and the API key to routers, the full query and token to peers', () => {
    const toRouter = createSequenceFactory('partner', 'identical', fixtures, {
      router: true,
      seed: 1,
    })(0).next(undefined);
    expect(toRouter.headers['x-api-key']).toBe('key');
    expect(JSON.parse(toRouter.body)).toMatchObject({
      extensions: { persistedQuery: { sha256Hash: 'abc' } },
    });
    expect(toRouter.body).not.toContain('query PartnerHotelDetails');
    const toPeer = createSequenceFactory('partner', 'identical', fixtures, {
      router: false,
      seed: 1,
    })(0).next(undefined);
    expect(toPeer.headers.authorization).toBe('Bearer partner-token');
    expect(JSON.parse(toPeer.body).query).toBe(fixtures.partnerOperation.body);
  });

  it('mutations: books, then cancels the booking it was answered, as the same traveler', () => {
    const sequence = createSequenceFactory('mutations', 'varied', fixtures, {
      router: true,
      seed: 1,
    })(1);
    const create = sequence.next(undefined);
    const input = JSON.parse(create.body).variables.input;
    expect(create.body).toContain('createBooking');
    expect(input.checkOut > input.checkIn).toBe(true);
    expect(input.checkIn >= fixtures.firstDay).toBe(true);
    const cancel = sequence.next(JSON.stringify({ data: { createBooking: { id: 'b42' } } }));
    expect(cancel.body).toContain('cancelBooking');
    expect(JSON.parse(cancel.body).variables).toEqual({ id: 'b42' });
    expect(cancel.headers.authorization).toBe(create.headers.authorization);
    expect(cancel.headers.authorization).toBe('Bearer t1');
    const next = JSON.parse(sequence.next(undefined).body).variables.input;
    expect(next.idempotencyKey).not.toBe(input.idempotencyKey);
  });

  it('mutations: owes the cancel of a booking it made once the load stops, and nothing else', () => {
    const sequence = createSequenceFactory('mutations', 'varied', fixtures, {
      router: true,
      seed: 1,
    })(1);
    expect(sequence.leftover?.(undefined)).toBeUndefined();
    sequence.next(undefined);
    const booked = JSON.stringify({ data: { createBooking: { id: 'b7' } } });
    const leftover = sequence.leftover?.(booked);
    expect(JSON.parse(leftover?.body ?? '{}').variables).toEqual({ id: 'b7' });
    expect(leftover?.headers.authorization).toBe('Bearer t1');
    // Refused (NO_AVAILABILITY): nothing was booked, nothing is owed.
    expect(sequence.leftover?.(JSON.stringify({ errors: [{ message: 'full' }] }))).toBeUndefined();
    // Its cancel was sent and answered: nothing is owed.
    sequence.next(booked);
    expect(sequence.leftover?.(JSON.stringify({ data: { cancelBooking: { id: 'b7' } } }))).toBe(
      undefined,
    );
  });

  it('mutations: owes what was in flight, and the cancel of the booking a re-sent one answers', () => {
    const sequence = createSequenceFactory('mutations', 'varied', fixtures, {
      router: true,
      seed: 1,
    })(1);
    const first = sequence.next(undefined);
    // In flight when the load stopped: sent again, with its idempotency key.
    expect(sequence.leftover?.(undefined)).toEqual(first);
    const booked = JSON.stringify({ data: { createBooking: { id: 'b7' } } });
    sequence.next(booked);
    const cancelled = JSON.stringify({ data: { cancelBooking: { id: 'b7' } } });
    const second = sequence.next(cancelled);
    expect(second.body).not.toBe(first.body);
    expect(sequence.leftover?.(cancelled)).toEqual(second);
    // A cancel in flight is sent again too.
    const rebooked = JSON.stringify({ data: { createBooking: { id: 'b8' } } });
    const cancel = sequence.next(rebooked);
    expect(sequence.leftover?.(rebooked)).toEqual(cancel);

    const owed = cancelOfLeftover(
      second,
      JSON.stringify({ data: { createBooking: { id: 'b8' } } }),
    );
    expect(JSON.parse(owed?.body ?? '{}')).toMatchObject({ variables: { id: 'b8' } });
    expect(owed?.body).toContain('cancelBooking');
    expect(owed?.headers).toEqual(second.headers);
    expect(cancelOfLeftover(second, JSON.stringify({ errors: [{ message: 'full' }] }))).toBe(
      undefined,
    );
  });

  it('mutations: each run has idempotency keys of its own (no replays of an earlier run)', () => {
    const firstKey = () =>
      JSON.parse(
        createSequenceFactory('mutations', 'varied', fixtures, { router: true, seed: 1 })(0).next(
          undefined,
        ).body,
      ).variables.input.idempotencyKey;
    expect(firstKey()).not.toBe(firstKey());
  });
});
