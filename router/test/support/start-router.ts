import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@travel/logger';
import { TEST_JWT_SECRET } from '@travel/testing';
import { createRouter, loadConfig, type Router } from '../../src/index.ts';
import { listenOnFreePort } from './test-subgraphs.ts';

export interface StartedRouter {
  router: Router;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `<origin>/graphql` */
  url: string;
  supergraphPath: string;
  /** Every log line the router wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

export interface StartRouterOptions {
  supergraphSdl: string;
  env?: Record<string, string>;
  readinessCacheMs?: number;
}

/** The real router on a free port, over a supergraph file in its own temp directory. */
export async function startRouter(options: StartRouterOptions): Promise<StartedRouter> {
  const dir = await mkdtemp(join(tmpdir(), 'router-test-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(supergraphPath, options.supergraphSdl);
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    JWT_SECRET: TEST_JWT_SECRET,
    SUPERGRAPH_PATH: supergraphPath,
    ...options.env,
  });
  const logs: Array<Record<string, unknown>> = [];
  const log = createLogger({
    service: 'router',
    level: config.LOG_LEVEL,
    destination: { write: (line: string) => void logs.push(JSON.parse(line)) },
  });
  const router = createRouter({
    config,
    log,
    readinessCacheMs: options.readinessCacheMs ?? 0,
    reloadDebounceMs: 20,
  });
  try {
    await router.start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const port = await listenOnFreePort(router.httpServer);
  const origin = `http://127.0.0.1:${port}`;
  return {
    router,
    origin,
    url: `${origin}/graphql`,
    supergraphPath,
    logs,
    async stop() {
      await router.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface GraphQLAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/** POSTs a GraphQL request (or a raw body) the way a client would. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<GraphQLAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: tests assert on the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}
