// `@travel/service-kit/client`: the client alone, for the router (no server, no Prisma).
export { createDeadlines } from './deadlines.ts';
export { SubgraphCallError } from './post-graphql.ts';
export { type PostRequest, postOver, type SubgraphReply } from './post-over.ts';
export {
  type BreakerOptions,
  createSubgraphClient,
  type SubgraphCall,
  type SubgraphClient,
  type SubgraphClientOptions,
} from './subgraph-client.ts';
