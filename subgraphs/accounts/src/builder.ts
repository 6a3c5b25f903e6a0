import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { errors } from '@travel/errors';
import { type CacheHint, DateTimeScalar } from '@travel/subgraph-kit';
import type { Context } from './context.ts';

// A mapped copy: Pothos wants directive args indexable, which an interface is not.
type CacheControlArgs = { [K in keyof CacheHint]: CacheHint[K] };

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: Date; Output: Date } };
  AuthScopes: {
    signedIn: boolean;
    partner: boolean;
    admin: boolean;
    /** The viewer is the user with this id (by token, or proven by password in this request). */
    self: string;
  };
  Directives: {
    cacheControl: { locations: 'OBJECT' | 'FIELD_DEFINITION'; args: CacheControlArgs };
  };
}>({
  // scope-auth first so nothing runs before authorization; federation last.
  plugins: [ScopeAuthPlugin, DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      signedIn: ctx.viewer !== null,
      partner: ctx.viewer?.role === 'PARTNER',
      admin: ctx.viewer?.role === 'ADMIN',
      self: (userId) => ctx.viewer?.userId === userId || ctx.provenUserIds.has(userId),
    }),
    // Anonymous callers must sign in; signed-in callers are simply not allowed.
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer ? errors.forbidden() : errors.unauthenticated(),
  },
});

builder.addScalarType('DateTime', DateTimeScalar);
