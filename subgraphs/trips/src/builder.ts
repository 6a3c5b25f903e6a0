import { createSubgraphBuilder, DateScalar, DateTimeScalar } from '@travel/service-kit';
import type { Context } from './context.ts';

export const builder = createSubgraphBuilder<Context, { signedIn: boolean }>({
  authScopes: ({ viewer }) => ({ signedIn: viewer !== null }),
});

builder.addScalarType('Date', DateScalar);
builder.addScalarType('DateTime', DateTimeScalar);
builder.queryType({});
builder.mutationType({});
