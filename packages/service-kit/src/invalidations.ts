import type { ApolloServerPlugin } from '@apollo/server';
import { listTag } from '@travel/entity-changes';

// One definition for the kit and the router: the contract package holds it.
export { listTag };

/**
 * The response extension the router reads (DESIGN decision 6): `["RoomType:<id>", …]` for
 * entities, `["Hotel[]"]` for the cached lists of a type (see `listTag`).
 */
export const INVALIDATED_ENTITIES = 'invalidatedEntities';

/** What a write tells the router's response cache about the entities it changed. */
export interface EntityInvalidations {
  /**
   * Announces that this request changed `typename:id`, so the router drops every cached
   * response that contains it before the write's answer reaches the client. Call it for the
   * entities a client could have cached and that the mutation's own result does not show (the
   * hotel whose rating a review moves, the room type whose availability a booking takes).
   */
  invalidate(typename: string, id: string): void;
  /**
   * Announces that this request added or removed a member of `typename`'s lists (a new hotel),
   * so the router drops every cached answer whose root field lists that type.
   */
  invalidateList(typename: string): void;
  /** What this request announced so far; `invalidationsPlugin` sends it. */
  readonly invalidatedEntities: ReadonlySet<string>;
}

/** One request's announcements (a shallow copy of the context shares the same set). */
export function createEntityInvalidations(): EntityInvalidations {
  const invalidatedEntities = new Set<string>();
  return {
    invalidate(typename, id) {
      invalidatedEntities.add(`${typename}:${id}`);
    },
    invalidateList(typename) {
      invalidatedEntities.add(listTag(typename));
    },
    invalidatedEntities,
  };
}

/** Adds `extensions.invalidatedEntities` to every answer of a request that announced some. */
export function invalidationsPlugin<Ctx extends EntityInvalidations>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const entities = contextValue.invalidatedEntities;
          if (entities.size === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          // Also on errors: a write that committed before a later field failed still changed.
          result.extensions = { ...result.extensions, [INVALIDATED_ENTITIES]: [...entities] };
        },
      };
    },
  };
}
