import {
  ENTITY_CHANGES_LINK_URL,
  FOLLOWS_DIRECTIVE_NAME,
  type FollowsBinding,
} from '@travel/entity-changes';
import { DirectiveLocation, GraphQLDirective, GraphQLNonNull, GraphQLString } from 'graphql';

/**
 * `@follows`: the binding of a Subscription field to the entity changes it delivers (see
 * @travel/entity-changes). Composed into the supergraph (`@composeDirective`), where the router
 * reads it; the API schema clients see does not carry it.
 */
export const FOLLOWS_DIRECTIVE = new GraphQLDirective({
  name: FOLLOWS_DIRECTIVE_NAME,
  locations: [DirectiveLocation.FIELD_DEFINITION],
  args: {
    entity: { type: new GraphQLNonNull(GraphQLString) },
    audience: { type: new GraphQLNonNull(GraphQLString) },
    read: { type: new GraphQLNonNull(GraphQLString) },
    authorize: { type: GraphQLString },
  },
});

/** The directive's arguments as Pothos' directives plugin takes them (`Directives` type). */
export type Follows = FollowsBinding;

/**
 * What `builder.toSubGraphSchema` needs besides the federation link so that `@follows` is
 * imported from its own `@link` and kept by composition (`@composeDirective`).
 */
export const FOLLOWS_SCHEMA_OPTIONS = {
  composeDirectives: [`@${FOLLOWS_DIRECTIVE_NAME}` as const],
  extensions: {
    directives: [
      {
        name: 'link',
        args: { url: ENTITY_CHANGES_LINK_URL, import: [`@${FOLLOWS_DIRECTIVE_NAME}`] },
      },
    ],
  },
};
