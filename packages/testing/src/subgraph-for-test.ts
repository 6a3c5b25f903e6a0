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

/** The settings every subgraph's config needs, as the harness sets them. */
export interface TestServiceConfig {
  DATABASE_URL: string;
  JWT_SECRET: string;
  HOST: string;
  /** 0: a free port. */
  PORT: number;
}

/** What the harness gives a subgraph's createXService (through the caller's factory). */
export interface TestServiceDeps {
  config: TestServiceConfig;
  log: Logger;
  onQuery(statement: string): void;
}

/** A subgraph service (@travel/service-kit's SubgraphService), as far as the harness uses it. */
export interface ServiceForTest<Db> {
  db: Db;
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
}

export interface SubgraphForTestOptions {
  /** Another server's database to share (not dropped on stop). Default: a fresh one. */
  databaseUrl?: string | undefined;
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

/**
 * The real subgraph on a free port, over a fresh copy of its migrated database: `create`
 * builds it from the test settings (`(deps) => createXService({ ...deps, config:
 * configFrom({ ...deps.config, ...more }) })`), so this package never imports a subgraph.
 */
export async function startSubgraphForTest<Db>(
  name: string,
  create: (deps: TestServiceDeps) => ServiceForTest<Db>,
  options: SubgraphForTestOptions = {},
): Promise<SubgraphForTest<Db>> {
  const database = options.databaseUrl ? undefined : await createTestDatabase(name);
  const databaseUrl = options.databaseUrl ?? database?.url ?? '';
  const sql: string[] = [];
  const service = create({
    config: { DATABASE_URL: databaseUrl, JWT_SECRET: TEST_JWT_SECRET, HOST: '127.0.0.1', PORT: 0 },
    log: createLogger({ service: name, level: 'silent' }),
    onQuery: (statement) => sql.push(statement),
  });
  const { url } = await service.start().catch(async (error: unknown) => {
    await service.stop();
    await database?.drop();
    throw error;
  });
  return {
    url,
    databaseUrl,
    db: service.db,
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
      await service.stop();
      await database?.drop();
    },
  };
}
