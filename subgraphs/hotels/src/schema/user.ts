import { assumedListSize, cacheHint } from '@travel/service-kit';
import { builder } from '../builder.ts';
import { ReviewRef } from './review.ts';

// accounts owns User; hotels only adds the reviews a user wrote. Resolving a reference needs no
// query: the key is all this subgraph keeps about a user.
export const UserRef = builder.externalRef(
  'User',
  builder.selection<{ id: string }>('id'),
  ({ id }) => ({ id }),
);

UserRef.implement({
  // Not inheritMaxAge: a User fetched through `_entities` has no parent to inherit from and
  // would be no-store. The catalogue's age lets `owner`/`author` keep their parent's 300 s,
  // while `reviews` below lowers whatever selects it to 60 s.
  directives: { cacheControl: cacheHint.catalogue },
  externalFields: (t) => ({ id: t.id() }),
  fields: (t) => ({
    reviews: t.field({
      type: [ReviewRef],
      description: 'hotels subgraph. Public.',
      // Not paged: the cost estimate assumes a prolific reviewer's twenty.
      listSize: assumedListSize(20),
      directives: { cacheControl: cacheHint.changing },
      resolve: (user, _args, ctx) => ctx.loaders.reviewsByAuthorId.load(user.id),
    }),
  }),
});
