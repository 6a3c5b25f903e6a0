import { cacheHint } from '@travel/service-kit';
import { builder } from '../builder.ts';
import { type ApiKeyIdentity, findActiveApiKeyBySecret } from '../domain/api-keys.ts';
import { RoleRef } from './role.ts';

// For the router only: `@inaccessible` keeps the type and the field out of the API schema, so
// clients never see them; the router calls this subgraph directly to resolve `x-api-key`.
const ApiKeyIdentityRef = builder.objectRef<ApiKeyIdentity>('ApiKeyIdentity').implement({
  description: 'Who an x-api-key speaks for (router-internal).',
  inaccessible: true,
  directives: { cacheControl: cacheHint.none },
  fields: (t) => ({
    apiKeyId: t.exposeID('apiKeyId'),
    userId: t.exposeID('userId'),
    role: t.expose('role', { type: RoleRef }),
  }),
});

builder.queryFields((t) => ({
  apiKeyIdentity: t.field({
    description:
      'The identity behind an active API key secret; null for an unknown or revoked one. ' +
      'Router-internal: knowing the secret is the authorization.',
    type: ApiKeyIdentityRef,
    nullable: true,
    inaccessible: true,
    directives: { cacheControl: cacheHint.none },
    args: { secret: t.arg.string({ required: true }) },
    resolve: (_root, { secret }, ctx) => findActiveApiKeyBySecret(ctx.db, secret),
  }),
}));
