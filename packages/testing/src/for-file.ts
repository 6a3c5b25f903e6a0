import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase } from './index.ts';

/**
 * Starts what `start` returns once before the calling file's tests and stops it after them:
 * one setup and teardown shape for every file, so none forgets a stop. The tests read it
 * through the returned function, which throws if called before the start.
 */
export function startForFile<T extends { stop(): Promise<unknown> }>(
  start: () => Promise<T>,
): () => T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    await started?.stop();
  });
  return () => {
    if (!started) throw new Error('read before beforeAll started it');
    return started;
  };
}

/**
 * The unhandled rejections of the calling file's tests, as they happen (Node treats one as
 * fatal: a test of a shutdown or an outage asserts there were none). Rejections surface on
 * later turns of the event loop: wait a little before reading.
 */
export function unhandledRejectionsForFile(): readonly unknown[] {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', record);
  });
  afterAll(() => {
    process.off('unhandledRejection', record);
  });
  return unhandled;
}

/**
 * A fresh migrated database of subgraph `name` for the calling file's tests, through the
 * client `open` makes; the client is disconnected and the database dropped after them.
 */
export function databaseForFile<Client extends { $disconnect(): Promise<void> }>(
  name: string,
  open: (url: string) => Client,
): () => Client {
  const opened = startForFile(async () => {
    const database = await createTestDatabase(name);
    const client = open(database.url);
    return {
      client,
      async stop() {
        await client.$disconnect();
        await database.drop();
      },
    };
  });
  return () => opened().client;
}
