import { connectionListSize, lazyConnection, parseInput } from '@travel/service-kit';
import { builder } from '../builder.ts';
import { uuidPage } from '../domain/page.ts';
import { hotelSearchFilter, hotelSearchInput } from '../domain/search.ts';
import { hotelSearchCount, hotelSearchPage } from '../loaders/read-statements.ts';
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
      const filter = hotelSearchFilter(parseInput(hotelSearchInput, args.input, 'input'));
      const search = hotelSearchPage(filter, page.afterId, page.take + 1);
      const rows = await ctx.db.$reads.rows(search.statement, search.values);
      // Fields of these hotels that resolve by id (a room type's hotel) need no second query.
      for (const row of rows) ctx.loaders.hotelById.prime(row.id, row);
      return lazyConnection(rows, page.take, async () => {
        const count = hotelSearchCount(filter);
        const [row] = await ctx.db.$reads.rows(count.statement, count.values);
        return row?.count ?? 0;
      });
    },
  }),
);
