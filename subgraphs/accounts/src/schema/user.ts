import { assumedListSize, cacheHint } from '@travel/service-kit';
import { builder } from '../builder.ts';
import type { AccountUser } from '../domain/user.ts';
import { ApiKeyRef } from './api-key.ts';
import { RoleRef } from './role.ts';

export const UserRef = builder.objectRef<AccountUser>('User').implement({
  // Name, role and createdAt are public; the private fields narrow the scope.
  directives: { cacheControl: cacheHint.changing },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    email: t.string({
      description: 'null unless the viewer is this user or an ADMIN',
      nullable: true,
      directives: { cacheControl: cacheHint.private },
      authScopes: (user) => ({ $any: { self: user.id, admin: true } }),
      unauthorizedResolver: () => null,
      resolve: (user) => user.email,
    }),
    role: t.expose('role', { type: RoleRef }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    apiKeys: t.field({
      description: "The user's API keys, revoked ones included, newest first. Only the user.",
      type: [ApiKeyRef],
      // A partner keeps a handful of keys; the cost estimate assumes ten.
      listSize: assumedListSize(10),
      directives: { cacheControl: cacheHint.private },
      authScopes: (user) => ({ self: user.id }),
      resolve: (user, _args, ctx) => ctx.loaders.apiKeysByUserId.load(user.id),
    }),
  }),
});

builder.asEntity(UserRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.userById.load(id),
});

builder.queryFields((t) => ({
  me: t.field({
    description: 'the signed-in user, null when anonymous',
    type: UserRef,
    nullable: true,
    directives: { cacheControl: cacheHint.private },
    resolve: (_root, _args, ctx) =>
      ctx.viewer ? ctx.loaders.userById.load(ctx.viewer.userId) : null,
  }),
  user: t.field({
    description: 'public fields of any user; null for an unknown id',
    type: UserRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.loaders.userById.load(String(id)),
  }),
}));
