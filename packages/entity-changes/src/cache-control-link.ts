/**
 * The `@link` URL subgraphs import `@cacheControl` from, so that composition keeps the hints in
 * the supergraph (`@composeDirective`): the router reads field-level PRIVATE hints there to know
 * which subscription selections depend on the viewer. The URL is the one Apollo's caching
 * documentation names and other gateways (Hive) read.
 */
export const CACHE_CONTROL_LINK_URL =
  'https://www.apollographql.com/docs/federation/v1/performance/caching/v1.0';
