// Runs the mutation mix on the real autocannon against a small server that answers a booking
// with a fresh id: it proves each connection books, then cancels what it was answered, as the
// same traveler, and owes at most one cancel when the load stops.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from './load-generator.ts';
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

/** Who booked each id, and the cancels in the order they came. */
const bookedBy = new Map<string, string | undefined>();
const cancels: { id: string; by: string | undefined }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => {
    const { query, variables } = JSON.parse(body) as { query: string; variables: { id: string } };
    const by = req.headers.authorization;
    if (query.includes('createBooking')) {
      const id = `b${bookedBy.size}`;
      bookedBy.set(id, by);
      res.end(JSON.stringify({ data: { createBooking: { id, status: 'PENDING' } } }));
    } else {
      cancels.push({ id: variables.id, by });
      res.end(JSON.stringify({ data: { cancelBooking: { id: variables.id } } }));
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
    // What is owed is the cancel of bookings answered but not yet cancelled, at most one per
    // connection; a booking in flight when the load stopped is never read (at most one more).
    const owed = result.leftovers.map(
      (spec) => (JSON.parse(spec.body) as { variables: { id: string } }).variables.id,
    );
    expect(owed.length).toBeLessThanOrEqual(connections);
    for (const id of owed) expect(bookedBy.has(id) && !cancelled.has(id)).toBe(true);
    const unaccounted = [...bookedBy.keys()].filter(
      (id) => !cancelled.has(id) && !owed.includes(id),
    );
    expect(owed.length + unaccounted.length).toBeLessThanOrEqual(connections);
  });
});
