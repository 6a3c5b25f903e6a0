import { connectionListSize, lazyConnection, parseInput } from '@travel/subgraph-kit';
import { builder } from '../builder.ts';
import { uuidPage } from '../domain/page.ts';
import { hotelSearchInput, hotelSearchWhere } from '../domain/search.ts';
import { connectionRef } from './connection.ts';
import { HotelRef } from './hotel.ts';

const HotelConnectionRef = connectionRef('Hotel', HotelRef);

const HotelSearchInput = builder.inputType('HotelSearchInput', {
  fields: (t) => ({
    city: t.string(),
    country: t.string(),
    minStarRating: t.int(),
    guests: t.int({ description: 'only hotels with a room type for at least this many guests' }),
    maxNightlyRate: t.int({
      description: 'minor units; only hotels with a room type at or below this nightly rate',
    }),
  }),
});

builder.queryField('searchHotels', (t) =>
  t.field({
    type: HotelConnectionRef,
    description: 'ordered by id; cursor pagination',
    listSize: connectionListSize,
    args: {
      input: t.arg({ type: HotelSearchInput, required: true }),
      first: t.arg.int({ defaultValue: 20 }),
      after: t.arg.string(),
    },
    resolve: async (_root, args, ctx) => {
      const page = uuidPage(args.first, args.after, 20);
      const where = hotelSearchWhere(parseInput(hotelSearchInput, args.input, 'input'));
      const rows = await ctx.db.hotel.findMany({
        where: page.afterId ? { AND: [where, { id: { gt: page.afterId } }] } : where,
        orderBy: { id: 'asc' },
        take: page.take + 1,
      });
      // Fields of these hotels that resolve by id (a room type's hotel) need no second query.
      for (const row of rows) ctx.loaders.hotelById.prime(row.id, row);
      return lazyConnection(rows, page.take, () => ctx.db.hotel.count({ where }));
    },
  }),
);
