/** The subgraphs of the supergraph, each with its own database of the same name. */
export const SUBGRAPH_NAMES = ['accounts', 'hotels', 'bookings', 'trips'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
