import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { CacheHint } from './cache-control.ts';
import type { Follows } from './follows-directive.ts';
import type { BaseContext } from './subgraph-server.ts';
import { unauthorizedError } from './unauthorized-error.ts';

/**
 * The Pothos schema types of every subgraph: its context and auth scopes, the kit's directives
 * and scalars. A scalar or directive declared here shows in the SDL only where it is used
 * (`builder.addScalarType`, a field's `directives`).
 */
export interface SubgraphSchemaTypes<Ctx extends BaseContext, Scopes extends object> {
  Context: Ctx;
  DefaultFieldNullability: false;
  AuthScopes: Scopes;
  Directives: {
    cacheControl: { locations: 'OBJECT' | 'FIELD_DEFINITION'; args: CacheHint };
    follows: { locations: 'FIELD_DEFINITION'; args: Follows };
  };
  Scalars: {
    Date: { Input: Date; Output: Date };
    DateTime: { Input: Date; Output: Date };
  };
}

export interface SubgraphBuilderOptions<Ctx extends BaseContext, Scopes extends object> {
  /** Each scope's answer for one request (`signedIn: viewer !== null` …). */
  authScopes(context: Ctx): { [K in keyof Scopes]: boolean | ((param: Scopes[K]) => boolean) };
  /** Check Subscription fields when the subscription starts, not only per event. Default false. */
  authorizeOnSubscribe?: boolean;
}

/**
 * A subgraph's SchemaBuilder: scope-auth first (nothing runs before authorization), the
 * directives, federation last (it must see the resolvers the other plugins wrapped); fields
 * non-null unless said otherwise; refusals as the kit's UNAUTHENTICATED/FORBIDDEN errors.
 */
export function createSubgraphBuilder<Ctx extends BaseContext, Scopes extends object>({
  authScopes,
  authorizeOnSubscribe = false,
}: SubgraphBuilderOptions<Ctx, Scopes>) {
  return new SchemaBuilder<SubgraphSchemaTypes<Ctx, Scopes>>({
    plugins: [ScopeAuthPlugin, DirectivePlugin, FederationPlugin],
    defaultFieldNullability: false,
    scopeAuth: { authorizeOnSubscribe, authScopes, unauthorizedError },
  });
}
