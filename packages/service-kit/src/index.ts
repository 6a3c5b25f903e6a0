export {
  CACHE_CONTROL_DIRECTIVE,
  type CacheHint,
  cacheHint,
  SUBGRAPH_DIRECTIVES,
} from './cache-control.ts';
export { demoId, seededRandom } from './demo-random.ts';
export { createEntityChangePubSub } from './entity-change-pubsub.ts';
export {
  announceChange,
  createEntityChangePublisher,
  ENTITY_CHANGES_CHANNEL,
  type EntityChange,
  type EntityChangeInput,
  type EntityChangePublisher,
  type EntityChangePublisherOptions,
  type EntityChanges,
  entityChangesFor,
} from './entity-changes.ts';
export { FOLLOWS_DIRECTIVE, type Follows } from './follows-directive.ts';
export { isUuid } from './ids.ts';
export {
  createEntityInvalidations,
  type EntityInvalidations,
  INVALIDATED_ENTITIES,
  invalidationsPlugin,
  listTag,
} from './invalidations.ts';
export { type LazyLoaders, lazyLoaders } from './lazy-loaders.ts';
export {
  assumedListSize,
  COST_DIRECTIVES,
  connectionListSize,
  FEDERATION_LINK_URL,
  federationDirectives,
  type ListSize,
  MAX_PAGE_SIZE,
} from './list-size.ts';
export { type Listening, listen } from './listen.ts';
export { byIdLoader, listLoader, validIds } from './loaders.ts';
export {
  type Connection,
  decodeCursor,
  encodeCursor,
  type LazyConnection,
  lazyConnection,
  type Page,
  pageArgs,
  toConnection,
} from './pagination.ts';
export { parseInput } from './parse-input.ts';
export { createPgDb, type PgAdapterOptions, type PgDb, type WithSqlReads } from './pg-adapter.ts';
export {
  cancellationOf,
  cancelOnDisconnect,
  isCancellation,
  type RequestCancellation,
  requestCancelled,
} from './request-signal.ts';
export { DateScalar, DateTimeScalar } from './scalars.ts';
export { type ReadStatement, readStatement, type SqlReads } from './sql-reads.ts';
export {
  createSubgraphBuilder,
  type SubgraphBuilderOptions,
  type SubgraphSchemaTypes,
} from './subgraph-builder.ts';
export {
  type BreakerOptions,
  createSubgraphClient,
  type SubgraphCall,
  SubgraphCallError,
  type SubgraphClient,
  type SubgraphClientOptions,
} from './subgraph-client/index.ts';
export { subgraphSchemaOptions } from './subgraph-schema-options.ts';
export {
  type BaseContext,
  createSubgraphServer,
  type SubgraphServer,
  type SubgraphServerOptions,
} from './subgraph-server.ts';
export {
  type BackgroundJob,
  createSubgraphService,
  type PartsDeps,
  type PublishingServiceDeps,
  type SubgraphDefinition,
  type SubgraphParts,
  type SubgraphService,
  type SubgraphServiceConfig,
  type SubgraphServiceDeps,
} from './subgraph-service.ts';
export { unauthorizedError } from './unauthorized-error.ts';
export { defineMoney, definePageInfo, type Money, type PageInfo } from './value-types.ts';
