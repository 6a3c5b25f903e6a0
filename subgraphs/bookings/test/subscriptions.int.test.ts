import { randomUUID } from 'node:crypto';
import type { Viewer } from '@travel/auth';
import { createLogger } from '@travel/logger';
import {
  cancellationOf,
  createEntityChangePublisher,
  createEntityInvalidations,
} from '@travel/service-kit';
import { databaseForFile } from '@travel/testing';
import { type ExecutionResult, parse, subscribe } from 'graphql';
import { PubSub } from 'graphql-subscriptions';
import { describe, expect, it } from 'vitest';
import { createContext } from '../src/context.ts';
import { createDb } from '../src/db.ts';
import { bookingChange, type ChangedBooking } from '../src/domain/booking-change.ts';
import type { HotelsClient } from '../src/hotels-client/hotels-client.ts';
import { createBookingMetrics } from '../src/metrics/booking-metrics.ts';
import { schema } from '../src/schema/index.ts';
import { insertBooking } from './booking-rows.ts';

const db = databaseForFile('bookings', createDb);
const pubsub = new PubSub();
const log = createLogger({ service: 'bookings', level: 'silent' });
const publisher = createEntityChangePublisher({ pubsub, log });
const events = {
  changed: (booking: ChangedBooking) => publisher.publish(bookingChange(booking)),
};
const hotels: HotelsClient = { roomType: async () => null, shutdown() {} };

async function open(query: string, viewer: Viewer | null, variables: Record<string, unknown> = {}) {
  const { signal } = new AbortController();
  const contextValue = createContext({
    db: db(),
    hotels,
    publisher,
    pubsub,
    holdMinutes: 15,
    metrics: createBookingMetrics(),
  })({
    viewer,
    requestId: 'test',
    clientAddress: '127.0.0.1',
    signal,
    cancellation: cancellationOf(signal),
    log,
    ...createEntityInvalidations(),
  });
  const result = await subscribe({
    schema,
    document: parse(query),
    contextValue,
    variableValues: variables,
  });
  if (!(Symbol.asyncIterator in result)) return { error: result as ExecutionResult };
  return { iterator: result as AsyncGenerator<ExecutionResult> };
}

describe('Subscription fields on the subgraph', () => {
  it('sends a guest their own changes and a hotel owner only their hotel’s', async () => {
    const guest = randomUUID();
    const owner = randomUUID();
    const hotelId = randomUUID();
    const mine = await open('subscription { myBookingUpdates { id status } }', {
      userId: guest,
      role: 'TRAVELER',
    });
    const hotel = await open(
      'subscription ($h: ID!) { hotelBookingUpdates(hotelId: $h) { id } }',
      { userId: randomUUID(), role: 'PARTNER' }, // not the owner
      { h: hotelId },
    );
    const ownerFeed = await open(
      'subscription ($h: ID!) { hotelBookingUpdates(hotelId: $h) { id } }',
      { userId: owner, role: 'PARTNER' },
      { h: hotelId },
    );

    // A stream listens from its first pull, as graphql-ws pulls right after subscribing.
    const [nextMine, nextHotel, nextOwner] = [mine, hotel, ownerFeed].map((s) =>
      s.iterator?.next(),
    );
    await new Promise(setImmediate);
    const someoneElses = await insertBooking(db());
    const theirs = await insertBooking(db(), { guestId: guest, hotelId, hotelOwnerId: owner });
    await events.changed(someoneElses);
    await events.changed(theirs);

    // Filtered streams skip what is not the viewer's: the first item is the second event.
    expect((await nextMine)?.value).toEqual({
      data: { myBookingUpdates: { id: theirs.id, status: 'PENDING' } },
    });
    expect((await nextOwner)?.value).toEqual({ data: { hotelBookingUpdates: { id: theirs.id } } });
    // The non-owner's stream yields nothing: ending it resolves without a value.
    await hotel.iterator?.return?.(undefined);
    expect((await nextHotel)?.done).toBe(true);
    await mine.iterator?.return?.(undefined);
    await ownerFeed.iterator?.return?.(undefined);
  });

  it('refuses bookingUpdated to strangers and anonymous callers', async () => {
    const booking = await insertBooking(db());
    const query = 'subscription ($id: ID!) { bookingUpdated(id: $id) { id } }';
    const stranger = await open(
      query,
      { userId: randomUUID(), role: 'TRAVELER' },
      { id: booking.id },
    );
    expect(stranger.error?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await open(query, null, { id: booking.id });
    expect(anonymous.error?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const guest = await open(
      query,
      { userId: booking.guestId, role: 'TRAVELER' },
      { id: booking.id },
    );
    const next = guest.iterator?.next();
    await new Promise(setImmediate);
    await events.changed({ ...booking, status: 'CONFIRMED' });
    expect((await next)?.value).toEqual({ data: { bookingUpdated: { id: booking.id } } });
    await guest.iterator?.return?.(undefined);
  });
});
