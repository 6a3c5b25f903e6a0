import '@pothos/plugin-directives';
import '@pothos/plugin-federation';
import { type CacheHint, cacheHint } from './cache-control.ts';
import type { Connection } from './pagination.ts';

/** What these types need of a subgraph's builder: `@cacheControl` and non-null fields. */
type ValueTypesBuilder = PothosSchemaTypes.SchemaBuilder<
  PothosSchemaTypes.ExtendDefaultTypes<{
    DefaultFieldNullability: false;
    Directives: { cacheControl: { locations: 'OBJECT' | 'FIELD_DEFINITION'; args: CacheHint } };
  }>
>;
// biome-ignore lint/suspicious/noExplicitAny: any subgraph's builder (its own context and scopes, which these types never read)
type AnyBuilder = PothosSchemaTypes.SchemaBuilder<any>;

export interface Money {
  /** minor units (cents) */
  amount: number;
  currency: string;
}

export type PageInfo = Connection<never>['pageInfo'];

// Value types several subgraphs return, defined here once so that they compose (shareable
// types must agree field for field) and are cached alike: as long as what holds them.

/** `Money`, for a subgraph that returns prices. */
export function defineMoney(builder: AnyBuilder) {
  return (builder as ValueTypesBuilder).objectRef<Money>('Money').implement({
    description: 'Money in minor units (cents) of an ISO-4217 currency.',
    shareable: true,
    directives: { cacheControl: cacheHint.reference },
    fields: (t) => ({
      amount: t.exposeInt('amount'),
      currency: t.exposeString('currency'),
    }),
  });
}

/** `PageInfo`, for a subgraph with connections. */
export function definePageInfo(builder: AnyBuilder) {
  return (builder as ValueTypesBuilder).objectRef<PageInfo>('PageInfo').implement({
    shareable: true,
    directives: { cacheControl: cacheHint.reference },
    fields: (t) => ({
      hasNextPage: t.exposeBoolean('hasNextPage'),
      endCursor: t.exposeString('endCursor', { nullable: true }),
    }),
  });
}
