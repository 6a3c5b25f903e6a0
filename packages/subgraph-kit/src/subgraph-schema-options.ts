import { SUBGRAPH_DIRECTIVES } from './cache-control.ts';
import { FOLLOWS_DIRECTIVE, FOLLOWS_SCHEMA_OPTIONS } from './follows-directive.ts';
import { FEDERATION_LINK_URL, federationDirectives } from './list-size.ts';

/**
 * Every subgraph's `builder.toSubGraphSchema(…)` options: the federation link with the
 * directives the kit uses (and `extra` ones such as `@inaccessible`), GraphQL's own directives,
 * `@cacheControl`, and `@follows` imported from its own link and composed into the supergraph.
 */
export function subgraphSchemaOptions(...extra: `@${string}`[]) {
  return {
    linkUrl: FEDERATION_LINK_URL,
    federationDirectives: federationDirectives(...extra),
    directives: [...SUBGRAPH_DIRECTIVES, FOLLOWS_DIRECTIVE],
    ...FOLLOWS_SCHEMA_OPTIONS,
  };
}
