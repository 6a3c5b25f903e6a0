import { createRedisConnection, type RedisClient } from '@travel/redis';
import { redisReady, testRedisTargets } from '@travel/testing';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBookingEvents } from '../src/events/booking-events.ts';
import { BOOKING_CHANGED } from '../src/events/channels.ts';
import { createRedisPubSub } from '../src/events/redis-pubsub.ts';

describe.each(testRedisTargets())('booking events over Redis (%s)', (_name, url) => {
  let pubsub: RedisPubSub;
  let listener: RedisClient;
  beforeAll(async () => {
    pubsub = createRedisPubSub(url);
    // A Cluster connection refuses commands until it knows the slots.
    await redisReady(pubsub.getPublisher());
    // On a Cluster the listener sits on whichever node ioredis picks, the publisher on the
    // channel's: classic pub/sub reaches it all the same.
    listener = createRedisConnection(url, { role: 'test listener', waitUntilReady: true });
  });
  afterAll(async () => {
    await pubsub.close();
    listener.disconnect();
  });

  it('publishes JSON on the Redis channel bookings:booking-changed, for any instance to read', async () => {
    await listener.subscribe(BOOKING_CHANGED);
    const received = new Promise<{ channel: string; message: string }>((resolve) => {
      listener.once('message', (channel: string, message: string) => resolve({ channel, message }));
    });
    const events = createBookingEvents({ pubsub, log: { error() {} } });
    await events.changed({
      id: 'b1',
      guestId: 'g1',
      hotelId: 'h1',
      roomTypeId: 'r1',
      status: 'CANCELLED',
    });
    const { channel, message } = await received;
    expect(channel).toBe('bookings:booking-changed');
    expect(JSON.parse(message)).toEqual({
      bookingId: 'b1',
      guestId: 'g1',
      hotelId: 'h1',
      roomTypeId: 'r1',
      status: 'CANCELLED',
    });
  });
});
