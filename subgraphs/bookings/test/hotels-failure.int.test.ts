import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BookingsHarness, day, startBookings, user } from './bookings.ts';
import { codeOf, createBookingAs } from './operations.ts';

/** A TCP server that accepts connections and never answers: a hung hotels subgraph. */
let silent: Server;
const sockets = new Set<Socket>();
/** Requests that reached it: connections that sent bytes (a client may open spare ones). */
let requests = 0;
let silentUrl: string;
let closedUrl: string;

function listenOnFreePort(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

beforeAll(async () => {
  silent = createServer((socket) => {
    socket.once('data', () => requests++);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  silentUrl = `http://127.0.0.1:${await listenOnFreePort(silent)}/graphql`;
  // A port that was free a moment ago and has nobody listening now: connections are refused.
  const probe = createServer();
  closedUrl = `http://127.0.0.1:${await listenOnFreePort(probe)}/graphql`;
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

async function bookThrough(hotelsUrl: string, tries: number) {
  const bookings: BookingsHarness = await startBookings(hotelsUrl);
  try {
    const results: { code: string | undefined; ms: number }[] = [];
    for (let i = 0; i < tries; i++) {
      const started = performance.now();
      const res = await createBookingAs(bookings, (await user()).token, {
        roomTypeId: crypto.randomUUID(),
        checkIn: day(2),
        checkOut: day(4),
      });
      results.push({ code: codeOf(res), ms: performance.now() - started });
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.message).toMatch(/hotels service is unavailable/);
    }
    return {
      results,
      stored: await bookings.db.booking.count(),
      failures: await unavailableFailures(bookings.url),
    };
  } finally {
    await bookings.stop();
  }
}

/** `booking_failures_total{operation="create",reason="SERVICE_UNAVAILABLE"}` at `/metrics`. */
async function unavailableFailures(graphqlUrl: string): Promise<number> {
  const text = await (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('booking_failures_total{') &&
        l.includes('operation="create"') &&
        l.includes('reason="SERVICE_UNAVAILABLE"'),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('createBooking when hotels fails', () => {
  it('fails within 3 s with SERVICE_UNAVAILABLE when hotels refuses connections, storing nothing', async () => {
    const { results, stored, failures } = await bookThrough(closedUrl, 1);
    expect(results[0]?.code).toBe('SERVICE_UNAVAILABLE');
    expect(results[0]?.ms).toBeLessThan(3000);
    expect(stored).toBe(0);
    // What BookingFailureRateHigh watches.
    expect(failures).toBe(1);
  });

  it('fails within 3 s with SERVICE_UNAVAILABLE when hotels never answers, storing nothing', async () => {
    const { results, stored } = await bookThrough(silentUrl, 1);
    expect(results[0]?.code).toBe('SERVICE_UNAVAILABLE');
    expect(results[0]?.ms).toBeLessThan(3000);
    expect(stored).toBe(0);
  });

  it('opens the circuit after repeated failures, then fails at once without calling hotels', async () => {
    const before = requests;
    const { results } = await bookThrough(silentUrl, 7);
    expect(results.every((result) => result.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    // Five slow failures open the circuit (volume threshold 5): the next calls never reach it.
    const opened = results.slice(5);
    for (const result of opened) expect(result.ms).toBeLessThan(300);
    expect(requests - before).toBe(5);
  });
});
