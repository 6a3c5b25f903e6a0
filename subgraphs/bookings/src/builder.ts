import { createSubgraphBuilder, DateScalar, DateTimeScalar } from '@travel/service-kit';
import type { Context } from './context.ts';

export const builder = createSubgraphBuilder<Context, { signedIn: boolean; admin: boolean }>({
  authorizeOnSubscribe: true,
  authScopes: ({ viewer }) => ({ signedIn: viewer !== null, admin: viewer?.role === 'ADMIN' }),
});

builder.addScalarType('Date', DateScalar);
builder.addScalarType('DateTime', DateTimeScalar);
builder.queryType({});
builder.mutationType({});
