import { randomUUID } from 'node:crypto';
import { createServer as createNetServer } from 'node:net';
import { createTokenIssuer, type Role } from '@travel/auth';
import { createLogger } from '@travel/logger';
import { listen } from '@travel/subgraph-kit';
import { loadConfig } from '../src/config.ts';
import { createDb, type Db } from '../src/db.ts';
import { createServer } from '../src/server.ts';

/** Shared with the bookings server of the booking-link test: one token works for both. */
export const JWT_SECRET = 'trips-int-test-secret-at-least-32-characters';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TripsHarness {
  db: Db;
  /** Every SQL statement the server sent since the last `resetSql()`. */
  sql: string[];
  resetSql(): void;
  request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  /** The raw HTTP answer, for its headers. */
  post(query: string, variables?: Record<string, unknown>, token?: string): Promise<Response>;
  /** A token as accounts would sign it, for a fresh user id unless one is given. */
  tokenFor(role: Role, userId?: string): Promise<string>;
  close(): Promise<void>;
}

/** A URL nothing listens on: a port the OS just handed out and took back. */
export async function closedPortUrl(): Promise<string> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}

/** The real trips server on a free port, over `databaseUrl`, with SQL statements counted. */
export async function startTrips(databaseUrl: string, bookingsUrl?: string): Promise<TripsHarness> {
  const config = loadConfig({
    DATABASE_URL_TRIPS: databaseUrl,
    BOOKINGS_URL: bookingsUrl ?? (await closedPortUrl()),
    JWT_SECRET,
    PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  const sql: string[] = [];
  const db = createDb(config.DATABASE_URL, { onQuery: (statement) => sql.push(statement) });
  const log = createLogger({ service: 'trips', level: 'silent' });
  const server = createServer({ config, db, log });
  await server.start();
  const { url } = await listen(server.httpServer, config.PORT);
  const issuer = createTokenIssuer({ secret: JWT_SECRET });
  const post = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  return {
    db,
    sql,
    resetSql: () => {
      sql.length = 0;
    },
    post,
    async request(query, variables = {}, token) {
      const response = await post(query, variables, token);
      return (await response.json()) as GraphQLResponse<never>;
    },
    tokenFor: (role, userId = randomUUID()) => issuer.issue({ userId, role }),
    async close() {
      await server.stop();
      await db.$disconnect();
    },
  };
}
