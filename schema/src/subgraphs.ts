import type { GraphQLSchema } from 'graphql';

export interface SubgraphEntry {
  name: string;
  /** Routing URL written into the supergraph; the router can override it per subgraph. */
  url: string;
  load(): Promise<GraphQLSchema>;
}

/** Every subgraph of the supergraph, in composition order. */
export const SUBGRAPHS: readonly SubgraphEntry[] = [
  {
    name: 'accounts',
    url: 'http://localhost:4001/graphql',
    load: async () => (await import('@travel/accounts')).schema,
  },
  {
    name: 'hotels',
    url: 'http://localhost:4002/graphql',
    load: async () => (await import('@travel/hotels')).schema,
  },
  {
    name: 'bookings',
    url: 'http://localhost:4003/graphql',
    load: async () => (await import('@travel/bookings')).schema,
  },
  {
    name: 'trips',
    url: 'http://localhost:4004/graphql',
    load: async () => (await import('@travel/trips')).schema,
  },
];
