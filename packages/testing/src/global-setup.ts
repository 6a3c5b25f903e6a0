// vitest globalSetup of the `int` and `e2e` projects: one PostgreSQL and one set of migrated
// templates for the whole run. See provided-context.ts for what test files can inject.
import type { TestProject } from 'vitest/node';
import { loadTestEnv } from './config.ts';
import { newRunId } from './names.ts';
import { acquireTestServer, type TestServer } from './postgres-server.ts';
import type {} from './provided-context.ts';
import { startRedisCluster } from './redis-cluster.ts';
import { dropRunDatabases } from './run-databases.ts';
import { ensureTemplates } from './templates.ts';

type RunState = {
  server: TestServer;
  templates: Record<string, string>;
  runId: string;
  redisCluster: { url: string; stop(): Promise<void> };
};
type Shared = { state: Promise<RunState>; users: number };

// Each project runs this setup, in one process, through its own module loader: share the
// server through globalThis so `vitest run` with int and e2e starts one, not two.
const KEY = Symbol.for('travel.testing.run');
const holder = globalThis as { [KEY]?: Shared };

async function startRun(): Promise<RunState> {
  const started = Date.now();
  const env = loadTestEnv();
  // The Redis Cluster starts while PostgreSQL and the templates get ready.
  const cluster = env.redisClusterUrl
    ? Promise.resolve({ url: env.redisClusterUrl, stop: async () => {} })
    : startRedisCluster();
  cluster.catch(() => undefined);
  const server = await acquireTestServer(env.databaseUrl).catch(async (error) => {
    await (await cluster.catch(() => undefined))?.stop();
    throw error;
  });
  try {
    const templates = await ensureTemplates(server.url);
    const redisCluster = await cluster;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(
      `[testing] PostgreSQL: ${server.source}; templates and Redis Cluster ready in ${seconds}s\n`,
    );
    return { server, templates, runId: newRunId(), redisCluster };
  } catch (error) {
    await (await cluster.catch(() => undefined))?.stop();
    await server.stop();
    throw error;
  }
}

export default async function setup({ provide }: Pick<TestProject, 'provide'>) {
  holder[KEY] ??= { state: startRun(), users: 0 };
  const shared = holder[KEY];
  shared.users++;
  const { server, templates, runId, redisCluster } = await shared.state;
  provide('postgresUrl', server.url);
  provide('templates', templates);
  provide('runId', runId);
  provide('redisUrl', loadTestEnv().redisUrl);
  provide('redisClusterUrl', redisCluster.url);

  return async function teardown() {
    if (--shared.users > 0) return;
    delete holder[KEY];
    try {
      await dropRunDatabases(server.url, runId);
    } finally {
      await Promise.all([server.stop(), redisCluster.stop()]);
    }
  };
}
