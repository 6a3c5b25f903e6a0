import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BookingsHarness, day, startBookings, user } from './bookings.ts';
import { CREATE_BOOKING } from './operations.ts';

/** A hotels that accepts connections and never answers; it notes when bookings hangs up. */
let silent: Server;
const sockets: Socket[] = [];
/** The socket of each request hotels received, in order. */
const asked: Socket[] = [];
let bookings: BookingsHarness;

beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.push(socket);
    // Read (and drop) what arrives, so a hang-up is seen.
    socket.on('data', (chunk) => {
      if (chunk.toString('latin1').startsWith('POST ')) asked.push(socket);
    });
  });
  const port = await new Promise<number>((resolve) => {
    silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port));
  });
  // Its own timeout far away: only the cancellation can end the call to hotels early.
  bookings = await startBookings(`http://127.0.0.1:${port}/graphql`, {
    HOTELS_TIMEOUT_MS: 60_000,
    HOTELS_RETRIES: 0,
  });
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await bookings?.stop();
  await new Promise((resolve) => silent.close(resolve));
});

const answered = async () => {
  const metrics = await (await fetch(bookings.url.replace(/\/graphql$/, '/metrics'))).text();
  const line = metrics
    .split('\n')
    .find((l) => l.startsWith('graphql_request_duration_seconds_count'));
  return Number(line?.split(' ').pop() ?? 0);
};

/**
 * Sends createBooking, abandons it once bookings is waiting on hotels, and waits until
 * bookings is done with it; returns the socket bookings asked hotels on.
 */
async function abandonedBooking(): Promise<Socket> {
  const { token } = await user();
  const before = asked.length;
  const answeredBefore = await answered();
  const caller = new AbortController();
  const sent = fetch(bookings.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: CREATE_BOOKING,
      variables: {
        input: {
          roomTypeId: crypto.randomUUID(),
          checkIn: day(2),
          checkOut: day(4),
          guests: 1,
          idempotencyKey: crypto.randomUUID(),
        },
      },
    }),
    signal: caller.signal,
  }).catch((error: Error) => error.name);
  // The first booking also warms the server up (database pool, first queries): on a busy
  // machine that alone can pass vi.waitFor's default second.
  await vi.waitFor(() => expect(asked.length).toBe(before + 1), { timeout: 10_000 });
  caller.abort();
  expect(await sent).toBe('AbortError');
  // Without the cancellation this would be the breaker's deadline (2.5 s) away.
  await vi.waitFor(async () => expect(await answered()).toBe(answeredBefore + 1), {
    timeout: 2000,
  });
  return asked[before] as Socket;
}

describe('createBooking abandoned by its caller while hotels is asked', () => {
  it('hangs up on hotels at once and stores nothing', async () => {
    const socket = await abandonedBooking();
    // Far sooner than HOTELS_TIMEOUT_MS (60 s): the call to hotels stopped with the request.
    await vi.waitFor(() => expect(socket.destroyed).toBe(true), { timeout: 5000 });
    expect(await bookings.db.booking.count()).toBe(0);
  });

  it('does not count abandoned calls as hotels failures (the circuit stays closed)', async () => {
    // Five failures would open the circuit (volume threshold 5, 50 %): six abandoned calls,
    // and the seventh still reaches hotels (abandonedBooking waits for its connection).
    for (let i = 0; i < 7; i++) await abandonedBooking();
  });
});
