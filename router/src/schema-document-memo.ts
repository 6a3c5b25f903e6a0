import type { DocumentNode, GraphQLSchema } from 'graphql';

/**
 * `derive` computed once per (schema, document) and kept as long as both live: what a document
 * yields under one supergraph never changes, and a reload brings a new schema object.
 */
export function memoizePerSchemaAndDocument<T>(
  derive: (schema: GraphQLSchema, document: DocumentNode) => T,
): (schema: GraphQLSchema, document: DocumentNode) => T {
  const memo = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, T>>();
  return (schema, document) => {
    let bySchema = memo.get(schema);
    if (!bySchema) {
      bySchema = new WeakMap();
      memo.set(schema, bySchema);
    }
    if (bySchema.has(document)) return bySchema.get(document) as T;
    const derived = derive(schema, document);
    bySchema.set(document, derived);
    return derived;
  };
}
