import type { ApolloServerPlugin, PersistedQueryOptions } from '@apollo/server';
import type { Logger } from '@travel/logger';
import type { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import type { RouterContext } from '../context.ts';
import type { Step } from '../http/request-state.ts';
import type { KeyValueStore } from '../key-value-store.ts';
import { persistedQueriesPlugin } from '../plugins/persisted-queries.ts';
import type { ListedOperation } from './manifest.ts';
import { unlistedOperationsCounter } from './metrics.ts';
import { persistedDocuments } from './persisted-documents.ts';
import { loadPersistedQueryList, type PersistedQueryList } from './persisted-query-list.ts';
import { createUnlistedOperations, type UnlistedOperations } from './unlisted-operations.ts';

export interface PersistedQueriesOptions {
  config: Pick<
    Config,
    'APQ_TTL_SECONDS' | 'PERSISTED_QUERIES_DIR' | 'PERSISTED_QUERIES_MODE' | 'NODE_ENV'
  >;
  log: Logger;
  registry: Registry;
  /** The APQ store: Redis (shared by every instance) or in-process. */
  store: KeyValueStore;
  /** Quiet time after a manifest change before reloading; default 100 ms. */
  reloadDebounceMs?: number;
}

export interface PersistedQueries {
  /** The listed operations in service (none before `start()`), by id: the sha256 of the body. */
  list: { get(id: string): ListedOperation | undefined };
  /** Apollo Server's `persistedQueries` (APQ): Apollo checks hashes and stores bodies. */
  apq: PersistedQueryOptions;
  /** Logs and counts unlisted operations (`log_unknown` only). */
  plugin: ApolloServerPlugin<RouterContext>;
  /** The one report of unlisted operations, for the other ways an operation arrives. */
  unlisted: UnlistedOperations;
  /** The `/graphql` step after the JSON body: listed ids → bodies, and enforcement. */
  documents: Step;
  /** Loads the manifests; rejects (naming file and entry) when one is malformed. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Both kinds of persisted queries (DESIGN decision 5): APQ and the persisted query lists. */
export function createPersistedQueries(options: PersistedQueriesOptions): PersistedQueries {
  const { config, log } = options;
  const development = config.NODE_ENV === 'development';
  let loaded: PersistedQueryList | undefined;
  // Nothing is listed until start() has read the manifests.
  const list = { get: (id: string): ListedOperation | undefined => loaded?.get(id) };
  const unlisted = createUnlistedOperations({
    counter: unlistedOperationsCounter(options.registry),
    log,
  });
  const logUnknown = config.PERSISTED_QUERIES_MODE === 'log_unknown' && !development;

  return {
    list,
    unlisted,
    // Apollo prefixes APQ keys with `apq:` itself: `<REDIS_KEY_PREFIX>apq:<sha256>`.
    apq: { cache: options.store, ttl: config.APQ_TTL_SECONDS },
    plugin: logUnknown ? persistedQueriesPlugin({ list, unlisted }) : {},
    documents: persistedDocuments({
      list,
      mode: config.PERSISTED_QUERIES_MODE,
      development,
      log,
      unlisted,
    }),
    async start() {
      loaded = await loadPersistedQueryList({
        dir: config.PERSISTED_QUERIES_DIR,
        log,
        debounceMs: options.reloadDebounceMs,
      });
    },
    async stop() {
      await loaded?.stop();
    },
  };
}
