import { buildSchema, parse, print, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ID_ALIAS, TYPENAME_ALIAS, takeEntityTags, withEntityFields } from './entity-tags.ts';

const schema = buildSchema(`
  type Query { hotel(id: ID!): Hotel, search: Page }
  type Mutation { addReview(hotelId: ID!): Review }
  type Page { totalCount: Int, hotels: [Hotel] }
  type Hotel { id: ID!, name: String, reviews: [Review] }
  type Review { id: ID!, rating: Int, hotel: Hotel }
`);

describe('withEntityFields', () => {
  it('adds the aliased typename and id to every entity selection, not elsewhere', () => {
    const document = parse(`
      query { search { totalCount hotels { ...H } } }
      fragment H on Hotel { name reviews { rating } }
    `);
    const result = withEntityFields(schema, document);
    expect(validate(schema, result)).toEqual([]);
    const text = print(result);
    // search (Page: no id) untouched; hotels, the fragment and reviews augmented.
    expect(text).toContain('search {\n    totalCount');
    expect(text.match(new RegExp(`${ID_ALIAS}: id`, 'g'))).toHaveLength(3);
    expect(text.match(new RegExp(`${TYPENAME_ALIAS}: __typename`, 'g'))).toHaveLength(3);
  });

  it('does not touch the root selection of queries and mutations', () => {
    const result = print(
      withEntityFields(schema, parse('mutation { addReview(hotelId: "1") { rating } }')),
    );
    expect(result).toBe(
      `mutation {\n  addReview(hotelId: "1") {\n    rating\n    ${TYPENAME_ALIAS}: __typename\n    ${ID_ALIAS}: id\n  }\n}`,
    );
  });

  it('leaves a document whose entity selections name themselves as it is', () => {
    const document = parse(`
      query { search { totalCount hotels { __typename id ...H } } }
      fragment H on Hotel { __typename id name reviews { id rating __typename } }
    `);
    expect(withEntityFields(schema, document)).toBe(document);
  });

  it('augments only the selections that do not name themselves plainly', () => {
    const document = parse(`
      query ($withId: Boolean!) {
        hotel(id: "1") { __typename id reviews { __typename key: id hotel { id } } }
        search { hotels { __typename id @include(if: $withId) } }
      }
    `);
    const result = withEntityFields(schema, document);
    expect(validate(schema, result)).toEqual([]);
    // Not the hotel (named), but its reviews (aliased id), their hotel (no typename) and the
    // conditional id of search.hotels.
    expect(print(result).match(new RegExp(`${ID_ALIAS}: id`, 'g'))).toHaveLength(3);
    expect(print(result)).toContain(`hotel(id: "1") {\n    __typename\n    id\n    reviews {`);
  });

  it('memoizes per document', () => {
    const document = parse('{ hotel(id: "1") { name } }');
    expect(withEntityFields(schema, document)).toBe(withEntityFields(schema, document));
  });
});

describe('takeEntityTags', () => {
  it('collects every entity and strips the added fields', () => {
    const data = {
      search: {
        totalCount: 2,
        hotels: [
          { name: 'A', [TYPENAME_ALIAS]: 'Hotel', [ID_ALIAS]: 'h1', reviews: [] },
          {
            name: 'B',
            [TYPENAME_ALIAS]: 'Hotel',
            [ID_ALIAS]: 'h2',
            reviews: [{ rating: 5, [TYPENAME_ALIAS]: 'Review', [ID_ALIAS]: 'r1' }],
          },
          null,
        ],
      },
    };
    expect([...takeEntityTags(data)]).toEqual(['Hotel:h1', 'Hotel:h2', 'Review:r1']);
    expect(data).toEqual({
      search: {
        totalCount: 2,
        hotels: [{ name: 'A', reviews: [] }, { name: 'B', reviews: [{ rating: 5 }] }, null],
      },
    });
  });

  it('reads the tags of objects that name themselves, and leaves their fields', () => {
    const data = {
      hotel: {
        __typename: 'Hotel',
        id: 'h1',
        reviews: [
          { __typename: 'Review', id: 7, rating: 5 },
          { rating: 4, [TYPENAME_ALIAS]: 'Review', [ID_ALIAS]: 'r2' },
        ],
        owner: { __typename: 'User', name: 'no id' },
      },
    };
    expect([...takeEntityTags(data)].sort()).toEqual(['Hotel:h1', 'Review:7', 'Review:r2']);
    // The added fields go; the client's own stay.
    expect(data).toEqual({
      hotel: {
        __typename: 'Hotel',
        id: 'h1',
        reviews: [{ __typename: 'Review', id: 7, rating: 5 }, { rating: 4 }],
        owner: { __typename: 'User', name: 'no id' },
      },
    });
  });

  it('finds nothing in data without entities', () => {
    expect(takeEntityTags({ a: 1, b: [null, 'x'] }).size).toBe(0);
    expect(takeEntityTags(null).size).toBe(0);
  });
});
