import { startForFile } from '@travel/testing';
import { describe, expect, it } from 'vitest';
import { post } from './support/graphql.ts';
import { startTestStack } from './support/stack.ts';

const stack = startForFile(() => startTestStack());

const LISBON = /* GraphQL */ `
  {
    searchHotels(input: { city: "Lisbon" }, first: 5) {
      totalCount
      edges {
        node {
          name
          owner { name }
          reviews(first: 2) { edges { node { rating author { name } } } }
        }
      }
    }
  }
`;

describe('one query across hotels and accounts', () => {
  it('answers the README query with data from both subgraphs', async () => {
    const res = await post(stack().url, LISBON);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const search = res.body.data?.searchHotels;
    expect(search.totalCount).toBeGreaterThan(5);
    expect(search.edges).toHaveLength(5);
    for (const { node } of search.edges) {
      expect(node.name).toContain('Lisbon');
      expect(node.owner.name).toMatch(/\w+ \w+/);
      for (const review of node.reviews.edges) {
        expect(review.node.rating).toBeGreaterThanOrEqual(1);
        expect(review.node.author.name).toMatch(/\w+ \w+/);
      }
    }
  });

  it('honours @include and @skip down to the subgraphs', async () => {
    const query = /* GraphQL */ `
      query ($withOwner: Boolean!) {
        searchHotels(input: { city: "Lisbon" }, first: 2) {
          edges { node { name owner @include(if: $withOwner) { name } city @skip(if: true) } }
        }
      }
    `;
    const withOwner = await post(stack().url, query, { withOwner: true });
    expect(withOwner.body.errors).toBeUndefined();
    const [first] = withOwner.body.data?.searchHotels.edges ?? [];
    expect(first.node.owner.name).toBeTruthy();
    expect(first.node.city).toBeUndefined();
    const without = await post(stack().url, query, { withOwner: false });
    expect(without.body.errors).toBeUndefined();
    expect(without.body.data?.searchHotels.edges[0].node.owner).toBeUndefined();
  });

  it('resolves the authors of every review of 50 hotels with ONE accounts statement', async () => {
    const query = /* GraphQL */ `
      {
        searchHotels(input: {}, first: 50) {
          edges { node { id reviews(first: 10) { edges { node { author { id name } } } } } }
        }
      }
    `;
    stack().resetSql();
    const res = await post(stack().url, query);
    expect(res.body.errors).toBeUndefined();
    const edges = res.body.data?.searchHotels.edges;
    expect(edges).toHaveLength(50);
    const authors = new Set(
      edges.flatMap((e: any) => e.node.reviews.edges.map((r: any) => r.node.author.id)),
    );
    expect(authors.size).toBeGreaterThan(10);
    expect(stack().sql.accounts).toHaveLength(1);
    // hotels: the page, its count, and the reviews of all 50 hotels in one batch (+ its count).
    expect(stack().sql.hotels.length).toBeLessThanOrEqual(4);
  });
});
