import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { eventually, freePort } from '@travel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, CONFIRM_BOOKING, createRoomType, dataOf, day } from './support/bookings.ts';
import { post } from './support/graphql.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { type Connection, connect, subscribe, waitForGauge } from './support/subscriber.ts';
import { type SignedInUser, signUp } from './support/users.ts';

const hasRedisServer = (() => {
  try {
    execFileSync('redis-server', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

/** A throwaway Redis of this test's own (the machine's Redis is shared: never stopped). */
function startRedis(port: number): Promise<ChildProcess> {
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    server.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve(server);
    });
  });
}

async function stopRedis(server: ChildProcess | undefined): Promise<void> {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGKILL');
  await exited;
}

/** What the stack's bookings publisher is (a RedisPubSub), as far as this test looks. */
type RedisPubSubLike = {
  getPublisher(): { status: string; on(event: 'error', fn: () => void): void };
  getSubscriber(): { on(event: 'error', fn: () => void): void };
};

let port: number;
let redis: ChildProcess | undefined;
let stack: TestStack;
let guest: SignedInUser;
let roomTypeId: string;
let conn: Connection;

beforeAll(async () => {
  if (!hasRedisServer) return;
  port = await freePort();
  redis = await startRedis(port);
  stack = await startTestStack({ seed: false, redisUrl: `redis://127.0.0.1:${port}` });
  // The bookings publisher's connections report the outage as 'error' events: expected here.
  const pubsub = stack.pubsub as unknown as RedisPubSubLike;
  for (const connection of [pubsub.getPublisher(), pubsub.getSubscriber()]) {
    connection.on('error', () => {});
  }
  const owner = await signUp(stack.url, 'owner@redis.test', 'PARTNER');
  guest = await signUp(stack.url, 'guest@redis.test');
  ({ roomTypeId } = await createRoomType(stack.url, owner, 10, 'Casa Redis'));
});
afterAll(async () => {
  await conn?.dispose();
  await stack?.stop();
  await stopRedis(redis);
});

let night = 60;
const newBooking = () => {
  night += 2;
  return book(stack.url, guest, { roomTypeId, checkIn: day(night), checkOut: day(night + 1) });
};

describe.skipIf(!hasRedisServer)('Redis stopped and restarted', () => {
  it('keeps the router up and the subscription alive, and delivers events again', async () => {
    conn = connect(stack.url, { authorization: guest.auth.authorization });
    let closed = false;
    void conn.closed.then(() => {
      closed = true;
    });
    const mine = subscribe(conn.client, 'subscription { myBookingUpdates { id status } }');
    await waitForGauge(stack.url, 'graphql_subscriptions_active', 1);
    const before = await newBooking();
    expect((await mine.result(1)).data).toEqual({
      myBookingUpdates: { id: before.id, status: 'PENDING' },
    });

    await stopRedis(redis);
    // Down: the router still answers, bookings still work (their events are lost, logged).
    const during = await newBooking();
    expect(during.status).toBe('PENDING');
    const me = await post(stack.url, '{ me { id } }', {}, guest.auth);
    expect(me.body).toEqual({ data: { me: { id: guest.id } } });
    expect((await fetch(new URL('/healthz', stack.url))).status).toBe(200);

    redis = await startRedis(port);
    // The router's subscriber connection re-subscribes by itself; the publisher reconnects.
    const subscribers = () =>
      Number(
        execFileSync('redis-cli', ['-p', String(port), 'pubsub', 'numsub', 'travel:entity-changes'])
          .toString()
          .trim()
          .split('\n')[1],
      );
    // Reconnections back off; they are not instantaneous.
    await eventually(() => subscribers() >= 1, 15_000, 50);
    await eventually(
      () => (stack.pubsub as unknown as RedisPubSubLike).getPublisher().status === 'ready',
      15_000,
      50,
    );

    const after = await newBooking();
    const received = await mine.result(2);
    expect(received.data).toEqual({ myBookingUpdates: { id: after.id, status: 'PENDING' } });
    dataOf(await post(stack.url, CONFIRM_BOOKING, { id: after.id }, guest.auth));
    expect((await mine.result(3)).data).toEqual({
      myBookingUpdates: { id: after.id, status: 'CONFIRMED' },
    });
    // The socket never closed: the outage cost the events published during it, nothing else.
    expect(closed).toBe(false);
    expect(mine.results).toHaveLength(3);
    expect(mine.error).toBeUndefined();
  });
});
