import { randomUUID } from 'node:crypto';
import { createTokenIssuer, type Role } from '@travel/auth';
import { createLogger } from '@travel/logger';
import { listen } from '@travel/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@travel/testing';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { loadConfig } from '../src/config.ts';
import { createDb, type Db } from '../src/db.ts';
import { addDays, isoDate, utcDay } from '../src/domain/booking-rules.ts';
import { createServer } from '../src/server.ts';

export const JWT_SECRET = 'bookings-int-test-secret-at-least-32-characters';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface BookingsHarness {
  url: string;
  db: Db;
  pubsub: PubSubEngine;
  /** Every SQL statement the server sent since the last `resetSql()`. */
  sql: string[];
  resetSql(): void;
  request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** The bookings server on a free port, on a fresh database, asking hotels at `hotelsUrl`. */
export async function startBookings(
  hotelsUrl: string,
  env: Record<string, string> = {},
): Promise<BookingsHarness> {
  const database = await createTestDatabase('bookings');
  const config = loadConfig({
    DATABASE_URL_BOOKINGS: database.url,
    JWT_SECRET,
    PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    HOTELS_URL: hotelsUrl,
    ...env,
  });
  const sql: string[] = [];
  const db = createDb(config.DATABASE_URL, { onQuery: (statement) => sql.push(statement) });
  const pubsub = new PubSub();
  const log = createLogger({ service: 'bookings', level: 'silent' });
  const server = createServer({ config, db, log, pubsub });
  await server.start();
  const { url } = await listen(server.httpServer, config.PORT);
  return {
    url,
    db,
    pubsub,
    sql,
    resetSql: () => {
      sql.length = 0;
    },
    request: (query, variables, token) => graphql(url, query, variables, token),
    async close() {
      await server.stop();
      await db.$disconnect();
      await database.drop();
    },
  };
}

export async function graphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

const issuer = createTokenIssuer({ secret: JWT_SECRET });

/** A token as accounts would sign it, for a fresh user id unless one is given. */
export function tokenFor(role: Role, userId: string = randomUUID()): Promise<string> {
  return issuer.issue({ userId, role });
}

/** A signed-in user: their id and token. */
export async function user(role: Role = 'TRAVELER') {
  const id = randomUUID();
  return { id, token: await tokenFor(role, id) };
}

/** `YYYY-MM-DD` of today (UTC) plus `days`. */
export function day(days: number): string {
  return isoDate(addDays(utcDay(new Date()), days));
}

export type { TestDatabase };
