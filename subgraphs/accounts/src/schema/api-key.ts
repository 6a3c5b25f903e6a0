import { cacheHint } from '@travel/service-kit';
import { builder } from '../builder.ts';
import { viewerOf } from '../context.ts';
import { createApiKey, revokeApiKey } from '../domain/api-keys.ts';
import type { ApiKey } from '../generated/prisma/client.ts';

export const ApiKeyRef = builder.objectRef<ApiKey>('ApiKey').implement({
  description:
    "A partner's key for server-to-server calls with persisted operation ids (header x-api-key).",
  directives: { cacheControl: cacheHint.private },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

const CreateApiKeyPayloadRef = builder
  .objectRef<{ apiKey: ApiKey; secret: string }>('CreateApiKeyPayload')
  .implement({
    directives: { cacheControl: cacheHint.none },
    fields: (t) => ({
      apiKey: t.field({ type: ApiKeyRef, resolve: (payload) => payload.apiKey }),
      secret: t.exposeString('secret', { description: 'shown once; only a hash is stored' }),
    }),
  });

builder.mutationFields((t) => ({
  createApiKey: t.field({
    description: 'PARTNER only',
    type: CreateApiKeyPayloadRef,
    args: { name: t.arg.string({ required: true }) },
    authScopes: { partner: true },
    resolve: async (_root, { name }, ctx) => {
      const created = await createApiKey(ctx.db, viewerOf(ctx), name);
      // The owner's cached key list is now stale.
      ctx.invalidate('User', created.apiKey.userId);
      return created;
    },
  }),
  revokeApiKey: t.field({
    description:
      "the key's owner; a revoked key stops working within 60 seconds on every router instance",
    type: ApiKeyRef,
    args: { id: t.arg.id({ required: true }) },
    authScopes: { signedIn: true },
    resolve: async (_root, { id }, ctx) => {
      const key = await revokeApiKey(ctx.db, viewerOf(ctx), String(id));
      ctx.invalidate('ApiKey', key.id);
      ctx.invalidate('User', key.userId);
      return key;
    },
  }),
}));
