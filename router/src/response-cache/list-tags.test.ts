import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { listTag, listTagsOf } from './list-tags.ts';

const schema = buildSchema(`
  type Query {
    hotel(id: ID!): Hotel
    hotels: [Hotel!]!
    search: HotelConnection!
    page: ReviewPage
    things: [Thing]
    stats: Stats
    tags: [String]
  }
  type Mutation { createHotel: Hotel }
  type HotelConnection { totalCount: Int, edges: [HotelEdge!]! }
  type HotelEdge { cursor: String, node: Hotel! }
  type ReviewPage { reviews: [Review] }
  type Stats { count: Int }
  union Thing = Hotel | Review | Stats
  type Hotel { id: ID!, name: String, reviews: [Review] }
  type Review { id: ID!, rating: Int }
`);

const tagsOf = (text: string) => listTagsOf(schema, parse(text));

describe('listTagsOf', () => {
  it('tags a root list of entities, a connection and a page around them', () => {
    expect(tagsOf('{ hotels { name } }')).toEqual(['Hotel[]']);
    expect(tagsOf('{ search { totalCount edges { node { name } } } }')).toEqual(['Hotel[]']);
    expect(tagsOf('{ page { reviews { rating } } }')).toEqual(['Review[]']);
  });

  it('tags the entities of an abstract list, not its other members', () => {
    expect(tagsOf('{ things { __typename } }')).toEqual(['Hotel[]', 'Review[]']);
  });

  it('reads root fields selected through fragments', () => {
    expect(tagsOf('{ ...Q } fragment Q on Query { ... on Query { hotels { id } } }')).toEqual([
      'Hotel[]',
    ]);
  });

  it('does not tag single entities, nested lists, scalar lists or non-entity roots', () => {
    expect(tagsOf('{ hotel(id: "1") { reviews { rating } } stats { count } tags }')).toEqual([]);
  });

  it('tags only root query fields', () => {
    expect(tagsOf('mutation { createHotel { reviews { id } } }')).toEqual([]);
  });

  it('memoizes per document', () => {
    const document = parse('{ hotels { id } }');
    expect(listTagsOf(schema, document)).toBe(listTagsOf(schema, document));
  });

  it('names lists apart from entities', () => {
    expect(listTag('Hotel')).toBe('Hotel[]');
  });
});
