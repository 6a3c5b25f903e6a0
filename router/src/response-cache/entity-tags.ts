import {
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  isScalarType,
  Kind,
  type SelectionSetNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { memoizePerSchemaAndDocument } from '../schema-document-memo.ts';

/**
 * Aliases of the fields the router adds to learn which entities an answer holds. Clients
 * never see them: `takeEntityTags` removes them before the answer is cached or sent.
 */
export const TYPENAME_ALIAS = '_rcTypename';
export const ID_ALIAS = '_rcId';

const aliased = (alias: string, name: string): FieldNode => ({
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: alias },
  name: { kind: Kind.NAME, value: name },
});
const ENTITY_FIELDS = [aliased(TYPENAME_ALIAS, '__typename'), aliased(ID_ALIAS, 'id')];

/**
 * The document with `_rcTypename: __typename` and `_rcId: id` added to every selection of an
 * object type that has a scalar `id` (every entity of the supergraph) that does not select
 * both itself: an answer then names each entity it contains, whatever the client selected.
 * A document whose entity selections all name themselves (Apollo Client adds `__typename`;
 * most selections have `id`) comes back as the same object, and is planned and fetched as
 * the client sent it. The result is valid for the same schema and is memoized per
 * (schema, document).
 */
export const withEntityFields = memoizePerSchemaAndDocument(addEntityFields);

/**
 * `__typename` and `id` selected as they are (no alias, no `@skip`/`@include`): every object
 * this selection yields then has both keys. No other selection can use those response keys
 * for another field in the same object (validation refuses the conflict).
 */
function namesItself(node: SelectionSetNode): boolean {
  const plain = (name: string) =>
    node.selections.some(
      (selection) =>
        selection.kind === Kind.FIELD &&
        selection.name.value === name &&
        !selection.alias &&
        !selection.directives?.length,
    );
  return plain('__typename') && plain('id');
}

function addEntityFields(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const roots = new Set([
    schema.getQueryType(),
    schema.getMutationType(),
    schema.getSubscriptionType(),
  ]);
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      SelectionSet: {
        // On leave the type info still describes this selection set.
        leave(node): SelectionSetNode | undefined {
          const type = typeInfo.getParentType();
          if (!isObjectType(type) || roots.has(type)) return undefined;
          const id = type.getFields().id;
          if (!id || !isScalarType(getNamedType(id.type))) return undefined;
          if (namesItself(node)) return undefined;
          return { ...node, selections: [...node.selections, ...ENTITY_FIELDS] };
        },
      },
    }),
  );
}

const tagOf = (typename: unknown, id: unknown) =>
  typeof typename === 'string' && (typeof id === 'string' || typeof id === 'number')
    ? `${typename}:${id}`
    : undefined;

/**
 * Removes the added fields from `data` (in place) and returns the `Type:id` of every entity
 * they named, and of every object that names itself with `__typename` and `id` (the
 * selections `withEntityFields` left as they were). Such keys can also be a client's aliases
 * on a non-entity: that adds a tag no change announces, which costs nothing. Runs over the
 * whole answer once.
 */
export function takeEntityTags(data: unknown): Set<string> {
  const tags = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (TYPENAME_ALIAS in record || ID_ALIAS in record) {
      const tag = tagOf(record[TYPENAME_ALIAS], record[ID_ALIAS]);
      if (tag) tags.add(tag);
      // Last added first: the answer's objects end with `_rcTypename, _rcId` (ENTITY_FIELDS
      // close each selection), and V8 keeps an object fast when its last property goes, but
      // turns it into a slow dictionary otherwise, which made serializing the answer ~2.5×
      // slower.
      delete record[ID_ALIAS];
      delete record[TYPENAME_ALIAS];
    } else if ('__typename' in record) {
      const tag = tagOf(record.__typename, record.id);
      if (tag) tags.add(tag);
    }
    for (const key in record) walk(record[key]);
  };
  walk(data);
  return tags;
}
