import { randomBytes } from 'node:crypto';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { quoteIdent, withDatabase, withServerClient } from '../database.ts';
import { connectMigrationAdapter } from './pg-adapter.ts';

/** Shadow databases are named so that a leftover is recognisable (and safe to drop). */
export const SHADOW_DB_PREFIX = 'prisma_shadow_';

export type MigrationAdapterFactory = SqlMigrationAwareDriverAdapterFactory & {
  /** Disposes every adapter the engine left open and drops every shadow database. */
  close(): Promise<void>;
};

/**
 * The adapter factory handed to the schema engine: the main database is `url`; a shadow
 * database is created on the same server when the engine asks for one.
 */
export function createMigrationAdapterFactory(url: string): MigrationAdapterFactory {
  const open = new Set<() => Promise<void>>();

  // Disposing twice would end a pool twice (an error); the engine may dispose and close() too.
  const track = (adapter: SqlDriverAdapter, after?: () => Promise<void>): SqlDriverAdapter => {
    const dispose = adapter.dispose.bind(adapter);
    let disposing: Promise<void> | undefined;
    const once = () => {
      disposing ??= dispose().finally(async () => {
        open.delete(once);
        await after?.();
      });
      return disposing;
    };
    adapter.dispose = once;
    open.add(once);
    return adapter;
  };

  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => track(await connectMigrationAdapter(url)),
    // Bug 2: PrismaPg's own connectToShadowDb connects to the MAIN database and drops the
    // shadow database before closing its pool. Create, connect, disconnect, then drop.
    connectToShadowDb: async () => {
      const name = `${SHADOW_DB_PREFIX}${randomBytes(8).toString('hex')}`;
      const drop = () =>
        withServerClient(url, async (client) => {
          await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
        });
      await withServerClient(url, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
      try {
        return track(await connectMigrationAdapter(withDatabase(url, name)), drop);
      } catch (error) {
        await drop();
        throw error;
      }
    },
    close: async () => {
      await Promise.allSettled([...open].map((dispose) => dispose()));
    },
  };
}
