import { Kind, parse, type ValueNode } from 'graphql';

export interface SubgraphEndpoint {
  /** Name given at composition (`join__graph(name:)`), e.g. `accounts`. */
  name: string;
  /** Its GraphQL endpoint. */
  url: string;
}

/** The subgraphs a supergraph routes to, read from its `join__Graph` enum. */
export function subgraphsOf(supergraphSdl: string): SubgraphEndpoint[] {
  const endpoints: SubgraphEndpoint[] = [];
  for (const definition of parse(supergraphSdl, { noLocation: true }).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') {
      continue;
    }
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((d) => d.name.value === 'join__graph');
      const arg = (name: string) => graph?.arguments?.find((a) => a.name.value === name)?.value;
      const name = stringOf(arg('name'));
      const url = stringOf(arg('url'));
      if (name !== undefined && url !== undefined) endpoints.push({ name, url });
    }
  }
  return endpoints;
}

function stringOf(value: ValueNode | undefined): string | undefined {
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/** The environment-variable spelling of a subgraph name: `price-search` → `PRICE_SEARCH`. */
export function overrideKey(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** The URL to call for a subgraph: its `SUBGRAPH_URL_<NAME>` override, else the composed one. */
export function resolveSubgraphUrl(
  endpoint: SubgraphEndpoint,
  overrides: Readonly<Record<string, string>>,
): string {
  return overrides[overrideKey(endpoint.name)] ?? endpoint.url;
}

/**
 * A subgraph's readiness probe, next to its GraphQL endpoint: `http://h:4001/graphql` →
 * `http://h:4001/readyz`, `http://h/api/graphql` → `http://h/api/readyz`.
 */
export function readinessUrlOf(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = `${url.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '')}/readyz`;
  url.search = '';
  url.hash = '';
  return url.toString();
}
