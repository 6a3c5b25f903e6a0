import { describe, expect, it } from 'vitest';
import { overrideKey, readinessUrlOf, resolveSubgraphUrl, subgraphsOf } from './subgraphs.ts';

const SUPERGRAPH = `
  schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query }
  directive @join__graph(name: String!, url: String!) on ENUM_VALUE
  enum join__Graph {
    ACCOUNTS @join__graph(name: "accounts", url: "http://localhost:4001/graphql")
    HOTEL_SEARCH @join__graph(name: "hotel-search", url: "http://localhost:4002/api/graphql")
  }
  type Query { a: Int }
`;

describe('subgraphsOf', () => {
  it('reads every subgraph of the join__Graph enum', () => {
    expect(subgraphsOf(SUPERGRAPH)).toEqual([
      { name: 'accounts', url: 'http://localhost:4001/graphql' },
      { name: 'hotel-search', url: 'http://localhost:4002/api/graphql' },
    ]);
  });

  it('finds none in a schema without the enum', () => {
    expect(subgraphsOf('type Query { a: Int }')).toEqual([]);
  });
});

describe('resolveSubgraphUrl', () => {
  it('prefers the SUBGRAPH_URL_<NAME> override', () => {
    const endpoint = { name: 'hotel-search', url: 'http://localhost:4002/graphql' };
    expect(overrideKey(endpoint.name)).toBe('HOTEL_SEARCH');
    expect(resolveSubgraphUrl(endpoint, { HOTEL_SEARCH: 'http://hs:80/graphql' })).toBe(
      'http://hs:80/graphql',
    );
    expect(resolveSubgraphUrl(endpoint, { ACCOUNTS: 'http://a/graphql' })).toBe(endpoint.url);
  });
});

describe('readinessUrlOf', () => {
  it.each([
    ['http://accounts:4001/graphql', 'http://accounts:4001/readyz'],
    ['http://accounts:4001/graphql/', 'http://accounts:4001/readyz'],
    ['http://gw/api/graphql?x=1', 'http://gw/api/readyz'],
    ['http://plain:8080/', 'http://plain:8080/readyz'],
  ])('%s → %s', (graphqlUrl, expected) => {
    expect(readinessUrlOf(graphqlUrl)).toBe(expected);
  });
});
