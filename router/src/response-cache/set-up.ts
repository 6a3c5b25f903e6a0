import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { tagsOf } from '@travel/entity-changes';
import type { Logger } from '@travel/logger';
import type { TurnEndAnswers } from '@travel/service-kit/http';
import type { Tracer } from '@travel/tracing';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import type { RouterContext } from '../context.ts';
import { createEntityChangeSource } from '../events/entity-change-source.ts';
import type { ListedOperation } from '../persisted-queries/manifest.ts';
import type { UnlistedOperations } from '../persisted-queries/unlisted-operations.ts';
import { cacheControlHeaderPlugin } from '../plugins/cache-control-header.ts';
import type { OperationLabeler } from '../plugins/metrics.ts';
import { responseCachePlugin } from '../plugins/response-cache.ts';
import type { RateLimits } from '../rate-limits/rate-limits.ts';
import type { RedisConnections } from '../redis.ts';
import { createDecodedOnceEntries, heldEntries } from './entry-codec.ts';
import { responseCacheFastPath } from './fast-path.ts';
import { createKnownOperations } from './known-operations.ts';
import { createMemoryStore } from './memory-store.ts';
import { createResponseCacheMetrics } from './metrics.ts';
import { registerNearCacheMetrics } from './near-metrics.ts';
import { createNearStore } from './near-store.ts';
import { createRedisStore, redisEntryKeys } from './redis-store.ts';
import { createResponseCache } from './response-cache.ts';
import { createSerializedBodies } from './serialized-bodies.ts';
import { tracedResponseCache } from './traced-cache.ts';

/** What the fast path shares with the rest of the router. */
export interface FastPathDeps {
  limits: RateLimits;
  /** The persisted queries' report of unlisted operations (log_unknown). */
  unlisted: UnlistedOperations;
  list: { get(id: string): ListedOperation | undefined };
  labeler: OperationLabeler;
  answers: TurnEndAnswers;
}

export interface ResponseCacheSetUpOptions {
  config: Config;
  log: Logger;
  /** The router's Redis; absent in embedded mode (the cache is then in process). */
  redis: RedisConnections | undefined;
  registry: Registry;
  /** Entity changes, to invalidate on changes no request carried; absent: none. */
  entityChanges: PubSubEngine | undefined;
  /** A span per lookup; default none (tracing off). */
  tracer?: Tracer;
}

/**
 * The response cache as the router wires it: its plugins in order (Apollo's cache-control
 * plugin computing policies without writing the header, the cache, the header), and the
 * entity-change subscription, and the fast path's middleware (`fastPath`, created once every
 * plugin registered its metrics; undefined with RESPONSE_CACHE_FAST_PATH=false), and
 * `stringifyResult` for Apollo Server's option of that name (an answer the cache serialized is
 * sent as that string, not serialized twice). With RESPONSE_CACHE=false only the policy and
 * header remain.
 */
export function setUpResponseCache(options: ResponseCacheSetUpOptions) {
  const { config, log, redis, registry, entityChanges } = options;
  const plugins: ApolloServerPlugin<RouterContext>[] = [
    ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
  ];
  if (!config.RESPONSE_CACHE) {
    plugins.push(cacheControlHeaderPlugin());
    return {
      plugins,
      fastPath: undefined,
      stringifyResult: undefined,
      start() {},
      async stop() {},
    };
  }
  const metrics = createResponseCacheMetrics(registry);
  const common = {
    timeoutMs: config.RESPONSE_CACHE_TIMEOUT_MS,
    invalidationTimeoutMs: config.RESPONSE_CACHE_INVALIDATION_TIMEOUT_MS,
    maxEntryBytes: config.RESPONSE_CACHE_MAX_ENTRY_BYTES,
    metrics,
    log: log.child({ feature: 'response-cache' }),
  };
  // In process, entries are kept as hits (decoded once); in Redis, as bytes.
  const untraced = redis
    ? createResponseCache({ ...common, ...sharedStore(redis, config, log, registry) })
    : createResponseCache({
        ...common,
        store: createMemoryStore({ sizeOf: heldEntries.sizeOf }),
        codec: heldEntries,
      });
  const cache = options.tracer ? tracedResponseCache(untraced, options.tracer) : untraced;
  const known = config.RESPONSE_CACHE_FAST_PATH ? createKnownOperations() : undefined;
  const bodies = createSerializedBodies();
  plugins.push(responseCachePlugin(cache, known, bodies), cacheControlHeaderPlugin());
  // Every event invalidates exactly the tags it names, so changes no request carried (a job's,
  // such as the hold sweeper's) reach the cache too; a change a router already invalidated
  // before its answer is invalidated again, harmlessly.
  const events =
    entityChanges &&
    createEntityChangeSource({
      pubsub: entityChanges,
      log,
      onEvent: (event) => void cache.invalidate(tagsOf(event)),
    });
  const metric = <T>(name: string) => registry.getSingleMetric(name) as T;
  return {
    plugins,
    fastPath: known
      ? ({ limits, list, labeler, unlisted, answers }: FastPathDeps) =>
          responseCacheFastPath({
            cache,
            known,
            limits,
            list,
            labeler,
            maxCost: config.MAX_COST,
            logUnknown:
              config.PERSISTED_QUERIES_MODE === 'log_unknown' && config.NODE_ENV !== 'development',
            unlisted,
            duration: metric('graphql_request_duration_seconds'),
            errors: metric('graphql_request_errors_total'),
            outcomes: metrics.fastPath,
            answers,
          })
      : undefined,
    stringifyResult: bodies.stringifyResult,
    start: () => events?.start(),
    stop: async () => events?.stop(),
  };
}

/**
 * The store every instance shares, in Redis, behind a near cache of what this instance read
 * (near-store.ts) unless RESPONSE_CACHE_NEAR_MAX_BYTES is 0 or Redis is a Cluster; with the
 * near cache, a held entry is decoded once, not per hit.
 */
function sharedStore(redis: RedisConnections, config: Config, log: Logger, registry: Registry) {
  const store = createRedisStore(redis.client, config.REDIS_KEY_PREFIX);
  const tracking = config.RESPONSE_CACHE_NEAR_MAX_BYTES > 0 ? redis.invalidations() : undefined;
  if (!tracking) return { store };
  const codec = createDecodedOnceEntries();
  const near = createNearStore(store, {
    tracking,
    entries: redisEntryKeys(config.REDIS_KEY_PREFIX),
    maxBytes: config.RESPONSE_CACHE_NEAR_MAX_BYTES,
    sizeOf: codec.sizeOf,
    expiresAt: (value) => {
      const { storedAt, policy } = codec.decode(value);
      return storedAt + policy.maxAge * 1000;
    },
    log: log.child({ feature: 'response-cache' }),
  });
  registerNearCacheMetrics(registry, near);
  return { store: near, codec };
}
