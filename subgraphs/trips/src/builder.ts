import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import {
  type CacheHint,
  DateScalar,
  DateTimeScalar,
  type Follows,
  unauthorizedError,
} from '@travel/subgraph-kit';
import type { Context } from './context.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  AuthScopes: { signedIn: boolean };
  Directives: {
    cacheControl: { locations: 'OBJECT' | 'FIELD_DEFINITION'; args: CacheHint };
    follows: { locations: 'FIELD_DEFINITION'; args: Follows };
  };
  Scalars: {
    Date: { Input: Date; Output: Date };
    DateTime: { Input: Date; Output: Date };
  };
}>({
  // Federation last: it must see the resolvers the other plugins wrapped.
  plugins: [ScopeAuthPlugin, DirectivePlugin, FederationPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: ({ viewer }) => ({ signedIn: viewer !== null }),
    unauthorizedError,
  },
});

builder.addScalarType('Date', DateScalar);
builder.addScalarType('DateTime', DateTimeScalar);
builder.queryType({});
builder.mutationType({});
