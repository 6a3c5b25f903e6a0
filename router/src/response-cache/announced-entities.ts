/** The response extension subgraphs announce changed entities in (see @travel/service-kit). */
export const INVALIDATED_ENTITIES = 'invalidatedEntities';

/**
 * `Type:id` (a GraphQL type name, a colon, a non-empty id without whitespace) or `Type[]`,
 * every cached list of the type (see list-tags.ts). Each names one exact tag: there is no
 * pattern or wildcard a subgraph could use to delete more than the entries of that tag.
 */
const ENTITY_TAG = /^[A-Za-z_][A-Za-z0-9_]{0,99}(?::\S{1,200}|\[\])$/;
/** More than any one write announces; a subgraph sending more is broken, not trusted. */
const MOST_PER_RESPONSE = 1000;

/**
 * The entity and list tags a subgraph answer announces, well-formed ones only: a subgraph is trusted to
 * say what changed, not to make the router delete arbitrary keys or loop over huge lists.
 */
export function announcedEntities(extensions: Record<string, unknown> | undefined): string[] {
  const announced = extensions?.[INVALIDATED_ENTITIES];
  if (!Array.isArray(announced)) return [];
  return announced
    .slice(0, MOST_PER_RESPONSE)
    .filter((tag): tag is string => typeof tag === 'string' && ENTITY_TAG.test(tag));
}
