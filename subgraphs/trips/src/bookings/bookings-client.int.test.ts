import { createServer, type IncomingMessage } from 'node:http';
import { createLogger } from '@travel/logger';
import { listen } from '@travel/service-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { type BookingsClientHandle, createBookingsClient } from './bookings-client.ts';

const caller = {
  authorization: 'Bearer abc',
  requestId: 'req-1',
  log: createLogger({ service: 'test', level: 'silent' }),
};
const unavailable = { extensions: { code: 'SERVICE_UNAVAILABLE' } };

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

/** A real bookings stand-in answering `body` with `status`, or never when `body` is undefined. */
async function bookings(body: unknown, status = 200, timeoutMs?: number) {
  const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    seen.push({ headers: req.headers, body: text });
    if (body === undefined) return;
    res.statusCode = status;
    res.end(JSON.stringify(body));
  });
  const { url } = await listen(server, 0);
  const client: BookingsClientHandle = createBookingsClient({
    url,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  cleanups.push(async () => {
    await client.close();
    server.closeAllConnections();
    server.close();
  });
  return { client, seen };
}

describe('createBookingsClient', () => {
  it("asks bookings' _entities with the caller's token and request id", async () => {
    const { client, seen } = await bookings({ data: { _entities: [{ guest: { id: 'g1' } }] } });
    await expect(client.guestIdOf('b1', caller)).resolves.toBe('g1');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers).toMatchObject({
      authorization: 'Bearer abc',
      'x-request-id': 'req-1',
    });
    const body = JSON.parse(seen[0]?.body ?? '');
    expect(body.query).toMatch(/_entities\(representations: \$representations\)/);
    expect(body.variables).toEqual({ representations: [{ __typename: 'Booking', id: 'b1' }] });
  });

  it('answers null for a booking hidden from the caller', async () => {
    const { client } = await bookings({ data: { _entities: [null] } });
    await expect(client.guestIdOf('b1', caller)).resolves.toBeNull();
  });

  it('answers SERVICE_UNAVAILABLE for an HTTP error or an unusable answer, asking once', async () => {
    const failing = await bookings({}, 502);
    await expect(failing.client.guestIdOf('b1', caller)).rejects.toMatchObject(unavailable);
    expect(failing.seen).toHaveLength(1);
    const garbled = await bookings({ data: null });
    await expect(garbled.client.guestIdOf('b1', caller)).rejects.toMatchObject(unavailable);
  });

  it('answers SERVICE_UNAVAILABLE when bookings can not be reached or times out', async () => {
    const refused = createBookingsClient({ url: 'http://127.0.0.1:1/graphql' });
    cleanups.push(() => refused.close());
    await expect(refused.guestIdOf('b1', caller)).rejects.toMatchObject(unavailable);
    const silent = await bookings(undefined, 200, 50);
    await expect(silent.client.guestIdOf('b1', caller)).rejects.toMatchObject(unavailable);
  });
});
