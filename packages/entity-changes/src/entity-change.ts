import { z } from 'zod';

/**
 * The one pub/sub channel every subgraph publishes entity changes on and every router instance
 * listens to. With REDIS_URL it is a Redis channel of this exact name (graphql-redis-subscriptions
 * uses the trigger name as the channel, JSON-encoded messages); without it, an in-process engine.
 */
export const ENTITY_CHANGES_CHANNEL = 'travel:entity-changes';

/** `Type:id`: a GraphQL type name, a colon, an id (the response cache's entity tag). */
const EntityKey = z
  .string()
  .max(200)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*:\S+$/, 'expected Type:id');

const TypeName = z
  .string()
  .max(100)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a type name');

/**
 * One committed change of one entity (DESIGN decision 14), published AFTER the commit:
 * - `entity`: `Booking:<id>`, the entity that changed;
 * - `version`: its version after the change, monotonic per entity (a column incremented by the
 *   statement that makes the change): subscribers get versions in order, each at most once;
 * - `state`: the fields the change set, by their API field names (`{ status: 'CONFIRMED' }`):
 *   what a subscriber receives for those fields, whatever a later re-read says;
 * - `audience`: entity keys whose followers this change concerns (`User:<guestId>`,
 *   `Hotel:<hotelId>`); `entity` itself is always part of it;
 * - `invalidates`: other entities whose cached answers it makes stale (`RoomType:<id>`);
 * - `lists`: types whose lists gained or lost a member (`Hotel`).
 * The event carries nothing a subscriber may not see: each is re-read as the subscriber.
 */
export const EntityChangeSchema = z.object({
  entity: EntityKey,
  version: z.number().int().nonnegative(),
  state: z.record(z.string().max(100), z.json()).default({}),
  audience: z.array(EntityKey).max(100).default([]),
  invalidates: z.array(EntityKey).max(100).default([]),
  lists: z.array(TypeName).max(20).default([]),
});

export type EntityChange = z.infer<typeof EntityChangeSchema>;

/** What a subgraph passes: `state`, `audience`, `invalidates` and `lists` may be left out. */
export type EntityChangeInput = z.input<typeof EntityChangeSchema>;

/** `Booking:b1` → `{ type: 'Booking', id: 'b1' }`. */
export function splitEntityKey(key: string): { type: string; id: string } {
  const at = key.indexOf(':');
  return { type: key.slice(0, at), id: key.slice(at + 1) };
}

/**
 * The tag of every cached list of `typename` (`Hotel[]`): `[]` can not appear in a type name,
 * so a list tag never collides with an entity tag.
 */
export function listTag(typename: string): string {
  return `${typename}[]`;
}

/** Every response-cache tag a change makes stale: the entity, what it invalidates, its lists. */
export function tagsOf(change: EntityChange): string[] {
  return [change.entity, ...change.invalidates, ...change.lists.map(listTag)];
}
