import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role } from '@travel/auth';
import { createLogger, type Logger } from '@travel/logger';
import {
  type AuthOptions,
  type GraphQLHttpResponse,
  type GraphQLResponse,
  postGraphQL,
} from './graphql-response.ts';
import { createTestDatabase } from './index.ts';
import { TEST_JWT_SECRET, tokenFor } from './test-secret.ts';

type Disconnectable = { $disconnect(): Promise<void> };

/** What a subgraph package exports; passed in so this package never imports a subgraph. */
export interface SubgraphFactories<
  Config extends { DATABASE_URL: string },
  Db extends Disconnectable,
  Extra,
> {
  /** The subgraph's name: its template database and its `DATABASE_URL_<NAME>` variable. */
  name: string;
  loadConfig(env: Record<string, string>): Config;
  createDb(url: string, options: { onQuery: (statement: string) => void }): Db;
  createServer(deps: { config: Config; db: Db; log: Logger } & Extra): {
    httpServer: Server;
    start(): Promise<void>;
    stop(): Promise<void>;
  };
}

export interface SubgraphForTestOptions<Extra> {
  /** Settings on top of the test defaults (other subgraphs' URLs, limits). Default none. */
  env?: Record<string, string>;
  /** Another server's database to share (not dropped on stop). Default: a fresh one. */
  databaseUrl?: string;
  /** Dependencies beyond config, db and log (bookings' pubsub). */
  deps?: Extra;
}

export interface SubgraphForTest<Db> {
  /** Its /graphql URL. */
  url: string;
  /** The database it serves, for a second server over the same rows. */
  databaseUrl: string;
  db: Db;
  /** Every SQL statement the server sent since the last `resetSql()`, in order. */
  sql: string[];
  resetSql(): void;
  /** The body of the answer. */
  request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    auth?: string | AuthOptions,
  ): Promise<GraphQLResponse<T>>;
  /** The answer with its status and headers. */
  send<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    auth?: string | AuthOptions,
  ): Promise<GraphQLHttpResponse<T>>;
  /** A token as accounts would sign it, for a fresh user id unless one is given. */
  tokenFor(role: Role, userId?: string): Promise<string>;
  /** Stops the server and drops its database (unless it was given one). */
  stop(): Promise<void>;
}

/** The real subgraph on a free port, over a fresh copy of its migrated database. */
export async function startSubgraphForTest<
  Config extends { DATABASE_URL: string },
  Db extends Disconnectable,
  Extra = unknown,
>(
  service: SubgraphFactories<Config, Db, Extra>,
  options: SubgraphForTestOptions<Extra> = {},
): Promise<SubgraphForTest<Db>> {
  const database = options.databaseUrl ? undefined : await createTestDatabase(service.name);
  const config = service.loadConfig({
    [`DATABASE_URL_${service.name.toUpperCase()}`]: options.databaseUrl ?? database?.url ?? '',
    JWT_SECRET: TEST_JWT_SECRET,
    PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...options.env,
  });
  const sql: string[] = [];
  const db = service.createDb(config.DATABASE_URL, { onQuery: (s) => sql.push(s) });
  const log = createLogger({ service: service.name, level: 'silent' });
  const server = service.createServer({ config, db, log, ...(options.deps as Extra) });
  await server.start();
  server.httpServer.listen(0, '127.0.0.1');
  await once(server.httpServer, 'listening');
  const { port } = server.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    databaseUrl: config.DATABASE_URL,
    db,
    sql,
    resetSql: () => {
      sql.length = 0;
    },
    send: (query, variables, auth) => postGraphQL(url, query, variables, auth),
    async request<T>(
      query: string,
      variables?: Record<string, unknown>,
      auth?: string | AuthOptions,
    ) {
      return (await postGraphQL<T>(url, query, variables, auth)).body;
    },
    tokenFor,
    async stop() {
      await server.stop();
      await db.$disconnect();
      await database?.drop();
    },
  };
}
