import { builder } from '../builder.ts';

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

// Defined identically by hotels (and any subgraph with connections): shareable.
export const PageInfoRef = builder.objectRef<PageInfo>('PageInfo').implement({
  shareable: true,
  directives: { cacheControl: { inheritMaxAge: true } },
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});
