// A subgraph stopping while Redis is away (a restart, a failover): its connections are
// reconnecting. Closing them must resolve, so the rest of the shutdown runs, and what the
// subscriber still had to send (UNSUBSCRIBE) must not end as an unhandled rejection, which Node
// treats as fatal.
import { ENTITY_CHANGES_CHANNEL } from '@travel/entity-changes';
import { createLogger } from '@travel/logger';
import { redisReady, unhandledRejectionsForFile } from '@travel/testing';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../test/e2e/support/redis-server.ts';
import { createServiceConnections } from './service-connections.ts';

const log = createLogger({ service: 'kit-test', level: 'silent' });
let redis: RedisServer;
const unhandled = unhandledRejectionsForFile();

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

describe('a subgraph’s Redis connections at shutdown', () => {
  it('close cleanly while Redis is away and a subscriber is reconnecting', async () => {
    const connections = createServiceConnections({ redisUrl: redis.url, log });
    const pubsub = connections.changes().pubsub as RedisPubSub;
    const client = connections.redis('test client');
    if (client) await redisReady(client);
    const id = await pubsub.subscribe(ENTITY_CHANGES_CHANNEL, () => undefined);
    const subscribers = async () =>
      Number((await pubsub.getPublisher().pubsub('NUMSUB', ENTITY_CHANGES_CHANNEL))[1]);
    await expect.poll(subscribers).toBe(1);
    await redis.stop();
    // A subscription ending as the service stops (a client's socket closed by the drain).
    pubsub.unsubscribe(id);
    await expect(connections.close()).resolves.toBeUndefined();
    // Rejections surface on the next turns of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(unhandled).toEqual([]);
  });
});
