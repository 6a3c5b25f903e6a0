import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testPostgresUrl, testRedisUrl } from './index.ts';

const created: TestDatabase[] = [];
afterAll(() => Promise.all(created.map((db) => db.drop())));

async function clone(subgraph: string): Promise<TestDatabase> {
  const db = await createTestDatabase(subgraph);
  created.push(db);
  return db;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const userCount = (url: string) =>
  withClient(url, async (c) => (await c.query('SELECT count(*)::int AS n FROM users')).rows[0].n);

describe('createTestDatabase', () => {
  it('gives each caller its own migrated copy', async () => {
    const [a, b] = await Promise.all([clone('accounts'), clone('accounts')]);
    expect(a.url).not.toBe(b.url);

    await withClient(a.url, (c) =>
      c.query(
        "INSERT INTO users (id, email, name, password_hash) VALUES (gen_random_uuid(), 'a@example.com', 'A', 'x')",
      ),
    );
    expect(await userCount(a.url)).toBe(1);
    expect(await userCount(b.url)).toBe(0);
    const applied = await withClient(
      b.url,
      async (c) => (await c.query('SELECT count(*)::int AS n FROM _prisma_migrations')).rows[0].n,
    );
    expect(applied).toBeGreaterThan(0);
  });

  it('drops a copy even while a connection is open', async () => {
    const db = await createTestDatabase('hotels');
    const open = new pg.Client({ connectionString: db.url });
    open.on('error', () => {}); // the server ends this session on purpose
    await open.connect();
    await db.drop();
    const name = new URL(db.url).pathname.slice(1);
    const left = await withClient(
      testPostgresUrl(),
      async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount,
    );
    expect(left).toBe(0);
    await open.end().catch(() => {});
  });

  it('names the subgraphs it knows when asked for another', async () => {
    await expect(createTestDatabase('nope')).rejects.toThrow(
      /No template for subgraph "nope".*accounts/,
    );
  });

  it('provides the Redis URL', () => {
    expect(testRedisUrl()).toMatch(/^redis:\/\//);
  });
});
