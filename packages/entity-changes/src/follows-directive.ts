/**
 * The subscription binding (DESIGN decision 14), a composed directive on a Subscription field:
 *
 * ```graphql
 * bookingUpdated(id: ID!): Booking!
 *   @follows(entity: "Booking", audience: "Booking:{id}", read: "booking", authorize: "booking(id: $id)")
 * ```
 * - `entity`: the type whose changes the field delivers; it is the field's type.
 * - `audience`: the key a subscriber follows, matched against an event's `entity` and
 *   `audience`: `{arg}` is the field's argument `arg`, `{viewer}` the subscriber's user id.
 * - `read`: the root Query field that re-reads the entity by `id: ID!`; the router runs the
 *   subscriber's selection on it, as the subscriber, for every event.
 * - `authorize` (optional): a root Query field call asked once when subscribing, as the
 *   subscriber, with the field's arguments as `$arg` variables: null or an error refuses
 *   (FORBIDDEN when there is no error), so an unknown id reads exactly like a forbidden one.
 * A binding whose audience names `{viewer}` needs a signed-in subscriber.
 */
export const FOLLOWS_DIRECTIVE_NAME = 'follows';

/** The `@link` URL that imports `@follows` (a project URL: composed, not a federation spec). */
export const ENTITY_CHANGES_LINK_URL = 'https://travel.example/entity-changes/v0.1';

/** The directive's definition, as every subgraph schema and the supergraph print it. */
export const FOLLOWS_DIRECTIVE_SDL =
  'directive @follows(entity: String!, audience: String!, read: String!, authorize: String) on FIELD_DEFINITION';

/** The binding's arguments. */
export type FollowsBinding = {
  entity: string;
  audience: string;
  read: string;
  authorize?: string;
};
