import { cacheHint } from '@travel/service-kit';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { type AuthResult, logIn, signUp } from '../domain/credentials.ts';
import { RoleRef } from './role.ts';
import { UserRef } from './user.ts';

const AuthPayloadRef = builder.objectRef<AuthResult>('AuthPayload').implement({
  directives: { cacheControl: cacheHint.none },
  fields: (t) => ({
    token: t.exposeString('token', {
      description:
        'a signed JWT (Bearer token) for the Authorization header and for connectionParams.authorization',
    }),
    user: t.field({ type: UserRef, resolve: (payload) => payload.user }),
  }),
});

const SignUpInputRef = builder.inputType('SignUpInput', {
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true, description: 'at least 10 characters' }),
    name: t.string({ required: true }),
    role: t.field({
      type: RoleRef,
      description: 'TRAVELER (default) or PARTNER; ADMIN can not be chosen here',
    }),
  }),
});

const guardOf = (ctx: Context) => ({ throttle: ctx.throttle, clientAddress: ctx.clientAddress });

/** The caller proved to be this user: the payload may show the user's private fields. */
function proven(ctx: Context, result: AuthResult): AuthResult {
  ctx.provenUserIds.add(result.user.id);
  return result;
}

builder.mutationFields((t) => ({
  signUp: t.field({
    type: AuthPayloadRef,
    args: { input: t.arg({ type: SignUpInputRef, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      proven(ctx, await signUp(ctx.db, ctx.tokens, input, guardOf(ctx))),
  }),
  logIn: t.field({
    type: AuthPayloadRef,
    args: {
      email: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
    },
    resolve: async (_root, { email, password }, ctx) =>
      proven(ctx, await logIn(ctx.db, ctx.tokens, email, password, guardOf(ctx))),
  }),
}));
