export { CACHE_CONTROL_DIRECTIVE, type CacheHint, cacheHint } from './cache-control.ts';
export { type Listening, listen } from './listen.ts';
export {
  type Connection,
  decodeCursor,
  encodeCursor,
  type Page,
  pageArgs,
  toConnection,
} from './pagination.ts';
export { DateScalar, DateTimeScalar } from './scalars.ts';
export {
  type BaseContext,
  createSubgraphServer,
  type SubgraphServer,
  type SubgraphServerOptions,
} from './subgraph-server.ts';
