import { ENTITY_CHANGES_CHANNEL } from '@travel/entity-changes';
import { createRedisConnection, type RedisClient } from '@travel/redis';
import { redisReady, testRedisTargets } from '@travel/testing';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntityChangePubSub } from './entity-change-pubsub.ts';
import { createEntityChangePublisher } from './entity-changes.ts';

describe.each(testRedisTargets())('entity changes over Redis (%s)', (_name, url) => {
  let pubsub: RedisPubSub;
  let listener: RedisClient;
  beforeAll(async () => {
    pubsub = createEntityChangePubSub(url);
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

  it('publishes JSON on the one Redis channel, for any router instance to read', async () => {
    await listener.subscribe(ENTITY_CHANGES_CHANNEL);
    const received = new Promise<{ channel: string; message: string }>((resolve) => {
      listener.once('message', (channel: string, message: string) => resolve({ channel, message }));
    });
    await createEntityChangePublisher({ pubsub, log: { error() {} } }).publish({
      entity: 'Booking:b1',
      version: 3,
      state: { status: 'CANCELLED' },
      audience: ['User:g1'],
    });
    const { channel, message } = await received;
    expect(channel).toBe('travel:entity-changes');
    expect(JSON.parse(message)).toEqual({
      entity: 'Booking:b1',
      version: 3,
      state: { status: 'CANCELLED' },
      audience: ['User:g1'],
      invalidates: [],
      lists: [],
    });
  });
});
