import { createSubgraphBuilder, DateTimeScalar } from '@travel/service-kit';
import type { Context } from './context.ts';

export const builder = createSubgraphBuilder<
  Context,
  {
    signedIn: boolean;
    partner: boolean;
    admin: boolean;
    /** The viewer is the user with this id (by token, or proven by password in this request). */
    self: string;
  }
>({
  authScopes: (ctx) => ({
    signedIn: ctx.viewer !== null,
    partner: ctx.viewer?.role === 'PARTNER',
    admin: ctx.viewer?.role === 'ADMIN',
    self: (userId) => ctx.viewer?.userId === userId || ctx.provenUserIds.has(userId),
  }),
});

builder.addScalarType('DateTime', DateTimeScalar);
