// The router stopping while Redis is away (a restart, a failover): its subscriber connection
// is reconnecting, and what it still had to send must not end as an unhandled rejection (which
// Node treats as fatal) when the connection is closed.
import { ENTITY_CHANGES_CHANNEL } from '@travel/entity-changes';
import { createLogger } from '@travel/logger';
import { unhandledRejectionsForFile } from '@travel/testing';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../../test/e2e/support/redis-server.ts';
import {
  createEntityChangeSource,
  redisEntityChangePubSub,
} from '../src/events/entity-change-source.ts';
import { createRedisConnections } from '../src/redis.ts';

const log = createLogger({ service: 'router-test', level: 'silent' });
let redis: RedisServer;
const unhandled = unhandledRejectionsForFile();

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  if (!redis.running) await redis.start();
});

/** The router's entity-change source, started on its own Redis connections. */
function startSource() {
  const connections = createRedisConnections(redis.url, log, { commandTimeoutMs: 1000 });
  const source = createEntityChangeSource({
    pubsub: redisEntityChangePubSub(connections),
    log,
    onEvent: () => undefined,
    retryMs: 100,
  });
  source.start();
  return { connections, source };
}

describe('entity changes over Redis at shutdown', () => {
  it('stops cleanly while its subscriber connection is reconnecting', async () => {
    const { connections, source } = startSource();
    // Subscribed: the channel has its subscriber.
    const subscribers = async () =>
      Number((await connections.client.pubsub('NUMSUB', ENTITY_CHANGES_CHANNEL))[1]);
    await expect.poll(subscribers).toBe(1);
    await redis.stop();
    await source.stop();
    await connections.close();
    // Rejections surface on the next turns of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(unhandled).toEqual([]);
  });

  it('closes cleanly while its reconnected subscriber is still making itself ready', async () => {
    const { connections, source } = startSource();
    const subscriber = connections.subscriber() as Redis;
    await expect.poll(() => subscriber.status === 'ready').toBe(true);
    await redis.stop();
    // The race, made certain: the connection ends just after its ready check was sent. The
    // answer still arrives, ioredis subscribes again to the channel it had before the restart,
    // and that SUBSCRIBE can only fail, as the connection closes.
    const send = subscriber.sendCommand.bind(subscriber);
    subscriber.sendCommand = (command, stream) => {
      const sent = send(command, stream);
      if (command.name === 'info') subscriber.disconnect();
      return sent;
    };
    await redis.start();
    await new Promise((resolve) => subscriber.once('end', resolve));
    await source.stop();
    await connections.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(unhandled).toEqual([]);
  });
});
