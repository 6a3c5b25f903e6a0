export { CACHE_CONTROL_LINK_URL } from './cache-control-link.ts';
export {
  ENTITY_CHANGES_CHANNEL,
  type EntityChange,
  type EntityChangeInput,
  EntityChangeSchema,
  listTag,
  splitEntityKey,
  tagsOf,
} from './entity-change.ts';
export {
  ENTITY_CHANGES_LINK_URL,
  FOLLOWS_DIRECTIVE_NAME,
  FOLLOWS_DIRECTIVE_SDL,
  type FollowsBinding,
} from './follows-directive.ts';
