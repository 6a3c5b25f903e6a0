import { createLogger } from '@travel/logger';
import { describe, expect, it } from 'vitest';
import { createBookingsClient } from './bookings-client.ts';

const URL = 'http://bookings.test/graphql';
const caller = {
  authorization: 'Bearer abc',
  requestId: 'req-1',
  log: createLogger({ service: 'test', level: 'silent' }),
};

function answering(body: unknown, status = 200) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status });
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

describe('createBookingsClient', () => {
  it("asks bookings' _entities with the caller's token and request id", async () => {
    const { calls, fetch } = answering({ data: { _entities: [{ guest: { id: 'g1' } }] } });
    const client = createBookingsClient({ url: URL, fetch });
    await expect(client.guestIdOf('b1', caller)).resolves.toBe('g1');
    const [call] = calls;
    expect(call?.url).toBe(URL);
    expect(call?.init.headers).toMatchObject({
      authorization: 'Bearer abc',
      'x-request-id': 'req-1',
    });
    const body = JSON.parse(String(call?.init.body));
    expect(body.query).toMatch(/_entities\(representations: \$representations\)/);
    expect(body.variables).toEqual({ representations: [{ __typename: 'Booking', id: 'b1' }] });
    expect(call?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('answers null for a booking hidden from the caller', async () => {
    const client = createBookingsClient({
      url: URL,
      fetch: answering({ data: { _entities: [null] } }).fetch,
    });
    await expect(client.guestIdOf('b1', caller)).resolves.toBeNull();
  });

  const unavailable = { extensions: { code: 'SERVICE_UNAVAILABLE' } };

  it('answers SERVICE_UNAVAILABLE when bookings can not be reached or times out', async () => {
    for (const reason of [
      new TypeError('fetch failed'),
      new DOMException('late', 'TimeoutError'),
    ]) {
      const fetch = (async () => {
        throw reason;
      }) as typeof globalThis.fetch;
      const client = createBookingsClient({ url: URL, fetch });
      await expect(client.guestIdOf('b1', caller)).rejects.toMatchObject(unavailable);
    }
  });

  it('answers SERVICE_UNAVAILABLE for an HTTP error or an unusable answer', async () => {
    const http = createBookingsClient({ url: URL, fetch: answering({}, 502).fetch });
    await expect(http.guestIdOf('b1', caller)).rejects.toMatchObject(unavailable);
    const garbled = createBookingsClient({ url: URL, fetch: answering({ data: null }).fetch });
    await expect(garbled.guestIdOf('b1', caller)).rejects.toMatchObject(unavailable);
  });

  it('gives up after timeoutMs', async () => {
    // The fetch never answers on its own; only the client's abort signal ends it.
    const fetch = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof globalThis.fetch;
    const client = createBookingsClient({ url: URL, fetch, timeoutMs: 20 });
    await expect(client.guestIdOf('b1', caller)).rejects.toMatchObject(unavailable);
  });
});
