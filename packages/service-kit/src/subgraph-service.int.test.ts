import { configFromValues, subgraphEnv } from '@travel/config';
import { createLogger } from '@travel/logger';
import type { RedisClient } from '@travel/redis';
import { eventually, TEST_JWT_SECRET, testRedisUrl } from '@travel/testing';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { PubSub } from 'graphql-subscriptions';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSubgraphService } from './subgraph-service.ts';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { ping: { type: GraphQLString, resolve: () => 'pong' } },
  }),
});

// Tracing off: no OTEL_* setting asks for it.
const config = configFromValues(
  z.object(subgraphEnv(0)),
  { DATABASE_URL: 'postgres://127.0.0.1:1/unused', JWT_SECRET: TEST_JWT_SECRET },
  'kit-test',
);
const log = createLogger({ service: 'kit-test', level: 'silent' });

/** A service over a stand-in database that records what happens to it and its parts. */
function recordingService(options: { ready?: boolean; pubsub?: PubSub } = {}) {
  const steps: string[] = [];
  const service = createSubgraphService(
    { config, log, ...(options.pubsub ? { pubsub: options.pubsub } : {}) },
    {
      name: 'kit-test',
      createDb: (url) => ({
        url,
        $queryRaw: async () => {
          if (options.ready === false) throw new Error('database down');
          return [1];
        },
        $disconnect: async () => void steps.push('database closed'),
      }),
      parts: ({ changes }) => {
        steps.push(`changes on ${changes().pubsub === options.pubsub ? 'given' : 'own'} pubsub`);
        return {
          schema,
          createContext: (base) => base,
          jobs: [
            {
              start: () => void steps.push('job started'),
              stop: async () => void steps.push('job stopped'),
            },
          ],
          close: [async () => void steps.push('client closed')],
        };
      },
    },
  );
  return { service, steps };
}

describe('createSubgraphService', () => {
  it('opens its database from the config and starts its jobs only once it listens', async () => {
    const { service, steps } = recordingService();
    expect(service.db.url).toBe(config.DATABASE_URL);
    expect(steps).toEqual(['changes on own pubsub']);
    expect(service.httpServer.listening).toBe(false);
    // HTTP_KEEP_ALIVE_TIMEOUT_MS's default: the router's pool, not Node's 5 s, closes first.
    expect(service.httpServer.keepAliveTimeout).toBe(65_000);
    // HTTP_REQUEST_TIMEOUT_MS's default, not Node's 300 s: a trickled body is cut.
    expect(service.httpServer.requestTimeout).toBe(30_000);
    const { url } = await service.start();
    expect(steps).toContain('job started');
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ping }' }),
    });
    expect(await res.json()).toEqual({ data: { ping: 'pong' } });
    await service.stop();
  });

  it('stops in order (server drained, jobs, clients, database), once however often asked', async () => {
    const { service, steps } = recordingService();
    const { url } = await service.start();
    await Promise.all([service.stop(), service.stop()]);
    await service.stop();
    expect(steps).toEqual([
      'changes on own pubsub',
      'job started',
      'job stopped',
      'client closed',
      'database closed',
    ]);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('answers /readyz from its database, and 503 once shutdown is announced', async () => {
    const up = recordingService();
    const down = recordingService({ ready: false });
    const readyz = async (s: typeof up.service) => {
      const { url } = await s.start();
      return (path: string) => fetch(url.replace(/\/graphql$/, path)).then((res) => res.status);
    };
    const upStatus = await readyz(up.service);
    const downStatus = await readyz(down.service);
    expect(await upStatus('/readyz')).toBe(200);
    expect(await downStatus('/readyz')).toBe(503);
    up.service.announceShutdown();
    expect(await upStatus('/readyz')).toBe(503);
    expect(await upStatus('/healthz')).toBe(200);
    await Promise.all([up.service.stop(), down.service.stop()]);
  });

  it('publishes on the PubSub it is given, and leaves it to its owner', async () => {
    const pubsub = new PubSub();
    const { service, steps } = recordingService({ pubsub });
    expect(steps).toEqual(['changes on given pubsub']);
    await service.start();
    await service.stop();
    // Still usable by its owner (an in-process PubSub has nothing to close anyway).
    const seen: unknown[] = [];
    await pubsub.subscribe('x', (message: unknown) => void seen.push(message));
    await pubsub.publish('x', 1);
    expect(seen).toEqual([1]);
  });

  it('stops what it opened even when it never started', async () => {
    const { service, steps } = recordingService();
    await service.stop();
    expect(steps).toEqual([
      'changes on own pubsub',
      'job stopped',
      'client closed',
      'database closed',
    ]);
  });

  it('opens Redis on REDIS_URL for a part that asks, once, and closes it with the rest', async () => {
    const opened: (RedisClient | undefined)[] = [];
    const service = createSubgraphService(
      { config: { ...config, REDIS_URL: testRedisUrl() }, log },
      {
        name: 'kit-test',
        createDb: () => ({ $queryRaw: async () => [1], $disconnect: async () => {} }),
        parts: ({ redis }) => {
          opened.push(redis('a'), redis('b'));
          return { schema, createContext: (base) => base };
        },
      },
    );
    const [redis, again] = opened;
    expect(redis).toBeDefined();
    expect(again).toBe(redis);
    await service.start();
    // Commands fail fast until the connection is up (@travel/redis's policy).
    await eventually(async () => (await redis?.ping().catch(() => undefined)) === 'PONG');
    await service.stop();
    await eventually(() => redis?.status === 'end');
  });

  it('opens no Redis without REDIS_URL', () => {
    let asked: RedisClient | undefined | 'not asked' = 'not asked';
    createSubgraphService(
      { config, log },
      {
        name: 'kit-test',
        createDb: () => ({ $queryRaw: async () => [1], $disconnect: async () => {} }),
        parts: ({ redis }) => {
          asked = redis('a');
          return { schema, createContext: (base) => base };
        },
      },
    );
    expect(asked).toBeUndefined();
  });
});
