import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { errors } from '@travel/errors';
import { type CacheHint, DateScalar, DateTimeScalar } from '@travel/subgraph-kit';
import type { Context } from './context.ts';

// CacheHint is an interface; Pothos wants directive args with an index signature, which the
// mapped copy of it has.
type CacheHintArgs = { [K in keyof CacheHint]: CacheHint[K] };

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  AuthScopes: { signedIn: boolean; admin: boolean };
  Directives: { cacheControl: { locations: 'OBJECT' | 'FIELD_DEFINITION'; args: CacheHintArgs } };
  Scalars: {
    Date: { Input: Date; Output: Date };
    DateTime: { Input: Date; Output: Date };
  };
}>({
  // Federation last: it must see the resolvers the other plugins wrapped.
  plugins: [ScopeAuthPlugin, DirectivePlugin, FederationPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    // Check Subscription fields when the subscription starts, not only per event.
    authorizeOnSubscribe: true,
    authScopes: ({ viewer }) => ({
      signedIn: viewer !== null,
      admin: viewer?.role === 'ADMIN',
    }),
    // Anonymous callers must sign in; signed-in ones lack the right, and signing in again won't help.
    unauthorizedError: (_parent, context) =>
      context.viewer ? errors.forbidden() : errors.unauthenticated(),
  },
});

builder.addScalarType('Date', DateScalar);
builder.addScalarType('DateTime', DateTimeScalar);
builder.queryType({});
builder.mutationType({});
