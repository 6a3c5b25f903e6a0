import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { type CacheHint, DateTimeScalar, unauthorizedError } from '@travel/subgraph-kit';
import type { Context } from './context.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  AuthScopes: { signedIn: boolean; partner: boolean; admin: boolean };
  Directives: {
    cacheControl: {
      locations: 'OBJECT' | 'FIELD_DEFINITION';
      args: CacheHint;
    };
  };
  Scalars: { DateTime: { Input: Date; Output: Date } };
}>({
  // Federation last: it must see the resolvers the other plugins wrapped.
  plugins: [ScopeAuthPlugin, DirectivePlugin, FederationPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: ({ viewer }) => ({
      signedIn: viewer !== null,
      partner: viewer?.role === 'PARTNER',
      admin: viewer?.role === 'ADMIN',
    }),
    unauthorizedError,
  },
});

builder.addScalarType('DateTime', DateTimeScalar);
builder.queryType({});
builder.mutationType({});
