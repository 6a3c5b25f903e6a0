import { createSubgraphBuilder, DateTimeScalar } from '@travel/service-kit';
import type { Context } from './context.ts';

export const builder = createSubgraphBuilder<
  Context,
  { signedIn: boolean; partner: boolean; admin: boolean }
>({
  authScopes: ({ viewer }) => ({
    signedIn: viewer !== null,
    partner: viewer?.role === 'PARTNER',
    admin: viewer?.role === 'ADMIN',
  }),
});

builder.addScalarType('DateTime', DateTimeScalar);
builder.queryType({});
builder.mutationType({});
