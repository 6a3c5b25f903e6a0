import { cacheHint, parseInput } from '@travel/service-kit';
import { builder } from '../builder.ts';
import { viewerOf } from '../context.ts';
import { reviewInput } from '../domain/catalogue-input.ts';
import type { Review } from '../generated/prisma/client.ts';
import { connectionRef } from './connection.ts';
import { HotelRef, loadHotel } from './hotel.ts';
import { UserRef } from './user.ts';

export const ReviewRef = builder.objectRef<Review>('Review');

ReviewRef.implement({
  directives: { cacheControl: cacheHint.catalogue },
  fields: (t) => ({
    id: t.exposeID('id'),
    hotel: t.field({
      type: HotelRef,
      resolve: (review, _args, ctx) => loadHotel(ctx, review.hotelId),
    }),
    author: t.field({
      type: UserRef,
      directives: { cacheControl: cacheHint.reference },
      resolve: (review) => ({ id: review.authorId }),
    }),
    rating: t.exposeInt('rating', { description: '1..5' }),
    comment: t.exposeString('comment', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.asEntity(ReviewRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.reviewById.load(id),
});

export const ReviewConnectionRef = connectionRef('Review', ReviewRef);

builder.mutationField('addReview', (t) =>
  t.field({
    type: ReviewRef,
    description: 'any signed-in user',
    authScopes: { signedIn: true },
    args: {
      hotelId: t.arg.id({ required: true }),
      rating: t.arg.int({ required: true }),
      comment: t.arg.string(),
    },
    resolve: async (_root, args, ctx) => {
      const hotel = await loadHotel(ctx, String(args.hotelId));
      const data = parseInput(reviewInput, { rating: args.rating, comment: args.comment });
      const review = await ctx.db.review.create({
        data: { ...data, hotelId: hotel.id, authorId: viewerOf(ctx).userId },
      });
      // A later field of this request must see the new review in the hotel's rating.
      ctx.loaders.averageRatingByHotelId.clear(hotel.id);
      ctx.loaders.reviewCountByHotelId.clear(hotel.id);
      ctx.loaders.reviewsByAuthorId.clear(review.authorId);
      ctx.loaders.clearReviewPages();
      // Cached answers showing the hotel's rating or the author's reviews are now stale.
      ctx.invalidate('Hotel', hotel.id);
      ctx.invalidate('User', review.authorId);
      return review;
    },
  }),
);
