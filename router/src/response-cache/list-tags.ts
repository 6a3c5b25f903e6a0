import {
  type DocumentNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  isScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { memoizePerSchemaAndDocument } from '../schema-document-memo.ts';

/**
 * The tag of every cached list of `typename` (`Hotel[]`), as subgraphs announce it with
 * `invalidateList` (@travel/service-kit's `listTag`): `[]` can not appear in a type name, so
 * a list tag never collides with an entity tag `Type:id`.
 */
export const listTag = (typename: string) => `${typename}[]`;

/** An entity as the cache knows them (see entity-tags.ts): an object type with a scalar `id`. */
const isEntity = (type: GraphQLNamedType): boolean => {
  if (!isObjectType(type)) return false;
  const id = type.getFields().id;
  return id !== undefined && isScalarType(getNamedType(id.type));
};

const isList = (field: { type: GraphQLOutputType }) => isListType(getNullableType(field.type));

/** The entity types `type` stands for: itself, or the entities among an interface's or union's. */
function entitiesOf(schema: GraphQLSchema, type: GraphQLNamedType): GraphQLObjectType[] {
  if (isAbstractType(type)) return schema.getPossibleTypes(type).filter(isEntity);
  return isObjectType(type) && isEntity(type) ? [type] : [];
}

/**
 * The entity types a root field lists: `[Hotel]`; or a page or connection around them, one
 * level down (`{ hotels: [Hotel] }`, `{ edges: [{ node: Hotel }] }`). A root field returning
 * one entity (`hotel(id:)`) lists nothing: its answer changes with the entity, whose own tag
 * covers it.
 */
function listedBy(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>) {
  const type = getNamedType(field.type);
  if (isList(field)) return entitiesOf(schema, type);
  if (!isObjectType(type) || isEntity(type)) return [];
  const listed: GraphQLObjectType[] = [];
  for (const inner of Object.values(type.getFields())) {
    if (!isList(inner)) continue;
    const item = getNamedType(inner.type);
    listed.push(...entitiesOf(schema, item));
    const node = isObjectType(item) && !isEntity(item) ? item.getFields().node : undefined;
    if (node) listed.push(...entitiesOf(schema, getNamedType(node.type)));
  }
  return listed;
}

/**
 * The list tags of an answer to `document`: `Type[]` for every entity type one of its root
 * query fields lists (fragments on the root included). A change that adds or removes a member
 * of such a list (a new hotel) announces `Type[]`, which drops these answers. Derived from
 * the schema once per (schema, document), not per request.
 */
export const listTagsOf: (schema: GraphQLSchema, document: DocumentNode) => readonly string[] =
  memoizePerSchemaAndDocument(collectListTags);

function collectListTags(schema: GraphQLSchema, document: DocumentNode): string[] {
  const query = schema.getQueryType();
  const tags = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.FIELD]() {
        const field = typeInfo.getFieldDef();
        if (!query || !field || typeInfo.getParentType() !== query) return;
        for (const type of listedBy(schema, field)) tags.add(listTag(type.name));
      },
    }),
  );
  return [...tags].sort();
}
