import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { type CacheHint, DateTimeScalar, unauthorizedError } from '@travel/subgraph-kit';
import type { Context } from './context.ts';

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
    cacheControl: { locations: 'OBJECT' | 'FIELD_DEFINITION'; args: CacheHint };
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
    unauthorizedError,
  },
});

builder.addScalarType('DateTime', DateTimeScalar);
