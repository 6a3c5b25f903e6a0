import {
  DirectiveLocation,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLEnumType,
  GraphQLInt,
  specifiedDirectives,
} from 'graphql';

const CacheControlScope = new GraphQLEnumType({
  name: 'CacheControlScope',
  values: { PUBLIC: {}, PRIVATE: {} },
});

/**
 * Apollo's `@cacheControl`. Each subgraph's Apollo Server reads it, computes a policy per
 * response and sends it as `Cache-Control`; the gateway merges those headers into the policy
 * of the whole operation, which the router's response cache and CDNs obey.
 */
export const CACHE_CONTROL_DIRECTIVE = new GraphQLDirective({
  name: 'cacheControl',
  locations: [
    DirectiveLocation.FIELD_DEFINITION,
    DirectiveLocation.OBJECT,
    DirectiveLocation.INTERFACE,
    DirectiveLocation.UNION,
  ],
  args: {
    maxAge: { type: GraphQLInt },
    scope: { type: CacheControlScope },
    inheritMaxAge: { type: GraphQLBoolean },
  },
});

// A type alias, not an interface: Pothos accepts only index-compatible types as directive args.
export type CacheHint = {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
  inheritMaxAge?: boolean;
};

/** The house cache hints, so the same data gets the same lifetime in every subgraph. */
export const cacheHint = {
  /** Catalogue data everyone sees alike: hotels, room types, reviews. */
  catalogue: { maxAge: 300 },
  /** Public data that moves faster than the catalogue: ratings and review lists. */
  changing: { maxAge: 60 },
  /** Data about one user, cached only per verified user. */
  private: { maxAge: 60, scope: 'PRIVATE' },
  /** One user's data that changes often (bookings, trips): per verified user, briefly. */
  privateChanging: { maxAge: 30, scope: 'PRIVATE' },
  /** Numbers that move with every booking. */
  availability: { maxAge: 5 },
  /**
   * A field returning another subgraph's entity, or a value type (Money, PageInfo): what
   * it points to, or what holds it, decides.
   */
  reference: { inheritMaxAge: true },
  /** Never cached (results of writes, secrets). */
  none: { maxAge: 0 },
} as const satisfies Record<string, CacheHint>;

/**
 * The directives every subgraph schema declares. A schema built with a `directives` list gets
 * only what it lists, so GraphQL's own (@include, @skip, @deprecated, @specifiedBy) must be
 * in it too, or any operation using @include fails at the subgraph.
 */
export const SUBGRAPH_DIRECTIVES = [...specifiedDirectives, CACHE_CONTROL_DIRECTIVE];
