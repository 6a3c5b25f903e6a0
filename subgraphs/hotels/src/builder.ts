import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { errors } from '@travel/errors';
import { type CacheHint, DateTimeScalar } from '@travel/subgraph-kit';
import type { Context } from './context.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  AuthScopes: { signedIn: boolean; partner: boolean; admin: boolean };
  // A mapped copy: Pothos wants a type with an index signature, which an interface lacks.
  Directives: {
    cacheControl: {
      locations: 'OBJECT' | 'FIELD_DEFINITION';
      args: { [K in keyof CacheHint]: CacheHint[K] };
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
    // Anonymous callers must sign in; signed-in ones lack the right, and signing in again won't help.
    unauthorizedError: (_parent, context) =>
      context.viewer ? errors.forbidden() : errors.unauthenticated(),
  },
});

builder.addScalarType('DateTime', DateTimeScalar);
builder.queryType({});
builder.mutationType({});
