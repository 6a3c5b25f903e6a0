import { errors } from '@travel/errors';
import {
  type Connection,
  cacheHint,
  connectionListSize,
  isUuid,
  type LazyConnection,
  lazyConnection,
  pageArgs,
} from '@travel/service-kit';
import { builder } from '../builder.ts';
import { assertCanListBookingsOf } from '../domain/access.ts';
import type { Booking } from '../generated/prisma/client.ts';
import { BookingRef } from './booking.ts';
import { BookingStatusEnum } from './booking-status.ts';
import { UserRef } from './user.ts';
import { PageInfoRef } from './value-types.ts';

const BookingEdgeRef = builder
  .objectRef<Connection<Booking>['edges'][number]>('BookingEdge')
  .implement({
    directives: { cacheControl: cacheHint.privateChanging },
    fields: (t) => ({
      cursor: t.exposeString('cursor'),
      node: t.field({ type: BookingRef, resolve: (edge) => edge.node }),
    }),
  });

export const BookingConnectionRef = builder
  .objectRef<LazyConnection<Booking>>('BookingConnection')
  .implement({
    directives: { cacheControl: cacheHint.privateChanging },
    fields: (t) => ({
      edges: t.field({ type: [BookingEdgeRef], resolve: (page) => page.edges }),
      pageInfo: t.field({ type: PageInfoRef, resolve: (page) => page.pageInfo }),
      // A COUNT query of its own, sent only when selected: costed like an object.
      totalCount: t.int({ cost: 1, resolve: (page) => page.totalCount() }),
    }),
  });

builder.objectField(UserRef, 'bookings', (t) =>
  t.field({
    type: BookingConnectionRef,
    description: 'newest first. Only this user or an ADMIN; others get a FORBIDDEN error.',
    listSize: connectionListSize,
    directives: { cacheControl: cacheHint.privateChanging },
    args: {
      status: t.arg({ type: BookingStatusEnum }),
      first: t.arg.int({ defaultValue: 20 }),
      after: t.arg.string(),
    },
    resolve: async (user, args, ctx) => {
      assertCanListBookingsOf(ctx.viewer, user.id);
      const page = pageArgs(args.first, args.after);
      if (page.afterId !== undefined && !isUuid(page.afterId)) {
        throw errors.badInput('after is not a cursor this API returned', 'after');
      }
      const status = args.status ?? null;
      const rows = await ctx.loaders.bookingPage(page, status).load(user.id);
      return lazyConnection(rows, page.take, () => ctx.loaders.bookingCount(status).load(user.id));
    },
  }),
);
