import type { ObjectRef } from '@pothos/core';
import { cacheHint, type LazyConnection } from '@travel/service-kit';
import { builder } from '../builder.ts';
import { PageInfoRef } from './value-types.ts';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** `<Name>Edge` and `<Name>Connection` for a node type. */
export function connectionRef<T>(name: string, nodeRef: ObjectRef<Types, T>) {
  const EdgeRef = builder.objectRef<{ cursor: string; node: T }>(`${name}Edge`).implement({
    directives: { cacheControl: cacheHint.catalogue },
    fields: (t) => ({
      cursor: t.exposeString('cursor'),
      node: t.expose('node', { type: nodeRef }),
    }),
  });
  return builder.objectRef<LazyConnection<T>>(`${name}Connection`).implement({
    directives: { cacheControl: cacheHint.catalogue },
    fields: (t) => ({
      edges: t.field({ type: [EdgeRef], resolve: (connection) => connection.edges }),
      pageInfo: t.field({ type: PageInfoRef, resolve: (connection) => connection.pageInfo }),
      // A COUNT query of its own: costed like an object, not like a free scalar.
      totalCount: t.int({ cost: 1, resolve: (connection) => connection.totalCount() }),
    }),
  });
}
