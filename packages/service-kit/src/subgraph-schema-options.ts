import { CACHE_CONTROL_LINK_URL } from '@travel/entity-changes';
import { SUBGRAPH_DIRECTIVES } from './cache-control.ts';
import { FOLLOWS_DIRECTIVE, FOLLOWS_SCHEMA_OPTIONS } from './follows-directive.ts';
import { FEDERATION_LINK_URL, federationDirectives } from './list-size.ts';

/**
 * Every subgraph's `builder.toSubGraphSchema(…)` options: the federation link with the
 * directives the kit uses (and `extra` ones such as `@inaccessible`), GraphQL's own directives,
 * and `@follows` and `@cacheControl`, each imported from its own link and composed into the
 * supergraph (the router reads both there; the API schema carries neither).
 */
export function subgraphSchemaOptions(...extra: `@${string}`[]) {
  return {
    linkUrl: FEDERATION_LINK_URL,
    federationDirectives: federationDirectives(...extra),
    directives: [...SUBGRAPH_DIRECTIVES, FOLLOWS_DIRECTIVE],
    composeDirectives: [...FOLLOWS_SCHEMA_OPTIONS.composeDirectives, '@cacheControl' as const],
    extensions: {
      directives: [
        ...FOLLOWS_SCHEMA_OPTIONS.extensions.directives,
        { name: 'link', args: { url: CACHE_CONTROL_LINK_URL, import: ['@cacheControl'] } },
      ],
    },
  };
}
