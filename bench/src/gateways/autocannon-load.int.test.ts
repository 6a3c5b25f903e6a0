// Runs the mutation mix on the real autocannon against a small server that answers a booking
// with a fresh id (the same one again for the same idempotency key, as the bookings subgraph
// does): it proves each connection books, then cancels what it was answered, as the same
// traveler, and that what the load owes when it stops, once sent, leaves no booking behind.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from './load-generator.ts';
import { sendLeftovers } from './send-leftovers.ts';
import type { Fixtures } from './workloads.ts';

const fixtures: Fixtures = {
  travelerTokens: ['t0', 't1', 't2'],
  partnerApiKey: 'key',
  partnerToken: 'partner-token',
  partnerOperation: { id: 'abc', body: 'query PartnerHotelDetails { __typename }' },
  hotelIds: ['h0'],
  roomTypes: [{ id: 'r0', maxGuests: 2 }],
  firstDay: '2026-12-01',
};

/** Who booked each id, the id of each idempotency key, and the cancels in the order they came. */
const bookedBy = new Map<string, string | undefined>();
const idByKey = new Map<string, string>();
const cancels: { id: string; by: string | undefined }[] = [];
/** Answers take a while, so that the load stops with requests of both kinds in flight. */
const BOOKING_MS = 5;
const CANCEL_MS = 5;
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => {
    const { query, variables } = JSON.parse(body) as {
      query: string;
      variables: { id: string; input: { idempotencyKey: string } };
    };
    const by = req.headers.authorization;
    if (query.includes('createBooking')) {
      const key = variables.input.idempotencyKey;
      const id = idByKey.get(key) ?? `b${bookedBy.size}`;
      idByKey.set(key, id);
      bookedBy.set(id, by);
      const answer = JSON.stringify({ data: { createBooking: { id, status: 'PENDING' } } });
      setTimeout(() => res.end(answer), BOOKING_MS);
    } else if (cancels.some((cancel) => cancel.id === variables.id)) {
      res.end(
        JSON.stringify({ errors: [{ message: 'A CANCELLED booking can not become CANCELLED' }] }),
      );
    } else {
      cancels.push({ id: variables.id, by });
      // Slower than a booking: the load stops with cancels in flight too.
      setTimeout(
        () => res.end(JSON.stringify({ data: { cancelBooking: { id: variables.id } } })),
        CANCEL_MS,
      );
    }
  });
});

beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('runLoad on autocannon', () => {
  it('alternates each booking with the cancel of the id it was answered', async () => {
    const { port } = server.address() as AddressInfo;
    const connections = 3;
    const result = await runLoad({
      origin: `http://127.0.0.1:${port}`,
      durationS: 1,
      connections,
      generator: 'autocannon',
      query: 'mutations',
      workload: 'varied',
      fixtures,
      router: true,
      seed: 1,
    });
    expect(result.errors).toBe(0);
    expect(cancels.length).toBeGreaterThan(10);
    // Every cancel names a booking answered before, by the traveler who made it, once.
    for (const cancel of cancels) {
      expect(bookedBy.has(cancel.id)).toBe(true);
      expect(cancel.by).toBe(bookedBy.get(cancel.id));
    }
    const cancelled = new Set(cancels.map((cancel) => cancel.id));
    expect(cancelled.size).toBe(cancels.length);

    // Owed once the load stopped, at most one request per connection: the cancel of a booking
    // answered, or the request whose answer never came (here every connection waits for one).
    expect(result.leftovers.length).toBeGreaterThan(0);
    expect(result.leftovers.length).toBeLessThanOrEqual(connections);
    await sendLeftovers(`http://127.0.0.1:${port}/graphql`, result.leftovers);
    // Then every booking made was cancelled, once, by its traveler.
    expect(cancels.length).toBe(new Set(cancels.map((cancel) => cancel.id)).size);
    expect(new Set(cancels.map((cancel) => cancel.id))).toEqual(new Set(bookedBy.keys()));
    for (const cancel of cancels) expect(cancel.by).toBe(bookedBy.get(cancel.id));
  });
});
