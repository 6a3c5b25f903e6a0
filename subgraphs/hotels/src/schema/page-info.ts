import { type Connection, cacheHint } from '@travel/subgraph-kit';
import { builder } from '../builder.ts';

// Shareable: every subgraph with a connection defines the same PageInfo.
export const PageInfoRef = builder.objectRef<Connection<never>['pageInfo']>('PageInfo').implement({
  shareable: true,
  directives: { cacheControl: cacheHint.catalogue },
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});
