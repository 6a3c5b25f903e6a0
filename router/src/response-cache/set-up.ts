import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { tagsOf } from '@travel/entity-changes';
import type { Logger } from '@travel/logger';
import type { Tracer } from '@travel/tracing';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import type { RouterContext } from '../context.ts';
import { createEntityChangeSource } from '../events/entity-change-source.ts';
import { cacheControlHeaderPlugin } from '../plugins/cache-control-header.ts';
import { responseCachePlugin } from '../plugins/response-cache.ts';
import type { RedisConnections } from '../redis.ts';
import { createMemoryStore } from './memory-store.ts';
import { createResponseCacheMetrics } from './metrics.ts';
import { createRedisStore } from './redis-store.ts';
import { createResponseCache } from './response-cache.ts';
import { tracedResponseCache } from './traced-cache.ts';

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
, the
 * entity-change subscription. With RESPONSE_CACHE=false only the policy and header remain.
 */
export function setUpResponseCache(options: ResponseCacheSetUpOptions) {
  const { config, log, redis, registry, entityChanges } = options;
  const plugins: ApolloServerPlugin<RouterContext>[] = [
    ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
  ];
  if (!config.RESPONSE_CACHE) {
    plugins.push(cacheControlHeaderPlugin());
    return { plugins, start() {}, async stop() {} };
  }
  const untraced = createResponseCache({
    store: redis ? createRedisStore(redis.client, config.REDIS_KEY_PREFIX) : createMemoryStore(),
    timeoutMs: config.RESPONSE_CACHE_TIMEOUT_MS,
    maxEntryBytes: config.RESPONSE_CACHE_MAX_ENTRY_BYTES,
    metrics: createResponseCacheMetrics(registry),
    log: log.child({ feature: 'response-cache' }),
  });
  const cache = options.tracer ? tracedResponseCache(untraced, options.tracer) : untraced;
  plugins.push(responseCachePlugin(cache), cacheControlHeaderPlugin());
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
  return {
    plugins,
    start: () => events?.start(),
    stop: async () => events?.stop(),
  };
}
