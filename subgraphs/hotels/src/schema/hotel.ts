import { errors } from '@travel/errors';
import {
  assumedListSize,
  cacheHint,
  connectionListSize,
  lazyConnection,
  parseInput,
} from '@travel/service-kit';
import { builder } from '../builder.ts';
import { type Context, viewerOf } from '../context.ts';
import { createHotelInput } from '../domain/catalogue-input.ts';
import { uuidPage } from '../domain/page.ts';
import { cityKeyOf } from '../domain/search.ts';
import type { Hotel } from '../generated/prisma/client.ts';
import { ReviewConnectionRef } from './review.ts';
import { RoomTypeRef } from './room-type.ts';
import { selectsField } from './selects-field.ts';
import { UserRef } from './user.ts';

export const HotelRef = builder.objectRef<Hotel>('Hotel');

HotelRef.implement({
  directives: { cacheControl: cacheHint.catalogue },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    city: t.exposeString('city'),
    country: t.exposeString('country', { description: 'ISO 3166-1 alpha-2' }),
    starRating: t.exposeInt('starRating', { description: '1..5' }),
    amenities: t.exposeStringList('amenities'),
    owner: t.field({
      type: UserRef,
      directives: { cacheControl: cacheHint.reference },
      resolve: (hotel) => ({ id: hotel.ownerId }),
    }),
    roomTypes: t.field({
      type: [RoomTypeRef],
      // A hotel offers a few kinds of room; the cost estimate assumes ten.
      listSize: assumedListSize(10),
      resolve: (hotel, _args, ctx) => ctx.loaders.roomTypesByHotelId.load(hotel.id),
    }),
    reviews: t.field({
      type: ReviewConnectionRef,
      listSize: connectionListSize,
      directives: { cacheControl: cacheHint.changing },
      args: { first: t.arg.int({ defaultValue: 10 }), after: t.arg.string() },
      resolve: async (hotel, args, ctx) => {
        const page = uuidPage(args.first, args.after, 10);
        const rows = await ctx.loaders.reviewPage(page).load(hotel.id);
        return lazyConnection(rows, page.take, () =>
          ctx.loaders.reviewCountByHotelId.load(hotel.id),
        );
      },
    }),
    averageRating: t.float({
      nullable: true,
      // An aggregate query of its own: costed like an object, not like a free scalar.
      cost: 1,
      description: 'null when there are no reviews',
      directives: { cacheControl: cacheHint.changing },
      resolve: (hotel, _args, ctx) => ctx.loaders.averageRatingByHotelId.load(hotel.id),
    }),
  }),
});

builder.asEntity(HotelRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.hotelById.load(id),
});

/** The hotel, or NOT_FOUND (malformed ids included). */
export async function loadHotel(ctx: Context, id: string): Promise<Hotel> {
  const hotel = await ctx.loaders.hotelById.load(id);
  if (!hotel) throw errors.notFound('Hotel', id);
  return hotel;
}

builder.queryField('hotel', (t) =>
  t.field({
    type: HotelRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx, info) =>
      selectsField(info, DETAILS)
        ? loadHotelDetails(ctx, String(id))
        : ctx.loaders.hotelById.load(String(id)),
  }),
);

/** The fields of a hotel page (the partner operation's) that hotelDetailsById reads too. */
const DETAILS = ['roomTypes', 'averageRating'];

/** The hotel, its rating and room types in one statement, primed for their fields' loaders. */
async function loadHotelDetails(ctx: Context, id: string): Promise<Hotel | null> {
  const details = await ctx.loaders.hotelDetailsById.load(id);
  if (!details) return null;
  const { hotel } = details;
  ctx.loaders.hotelById.prime(hotel.id, hotel);
  ctx.loaders.averageRatingByHotelId.prime(hotel.id, details.averageRating);
  ctx.loaders.roomTypesByHotelId.prime(hotel.id, details.roomTypes);
  return hotel;
}

builder.queryField('managedHotel', (t) =>
  t.field({
    type: HotelRef,
    nullable: true,
    description:
      "signed-in; the hotel when the viewer owns it or is an ADMIN, else null (unknown ids too): what following a hotel's bookings requires",
    authScopes: { signedIn: true },
    // Depends on the viewer: cached per user only.
    directives: { cacheControl: cacheHint.private },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const hotel = await ctx.loaders.hotelById.load(String(id));
      const viewer = ctx.viewer;
      if (!hotel || !viewer) return null;
      return viewer.role === 'ADMIN' || hotel.ownerId === viewer.userId ? hotel : null;
    },
  }),
);

const CreateHotelInput = builder.inputType('CreateHotelInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string({ required: true }),
    city: t.string({ required: true }),
    country: t.string({ required: true }),
    starRating: t.int({ required: true }),
    amenities: t.stringList(),
  }),
});

builder.mutationField('createHotel', (t) =>
  t.field({
    type: HotelRef,
    description: 'PARTNER or ADMIN; the viewer becomes the owner',
    authScopes: { partner: true, admin: true },
    args: { input: t.arg({ type: CreateHotelInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(createHotelInput, input, 'input');
      const hotel = await ctx.db.hotel.create({
        data: { ...data, cityKey: cityKeyOf(data.city), ownerId: viewerOf(ctx).userId },
      });
      ctx.loaders.hotelById.prime(hotel.id, hotel);
      // A new member of every hotel list: cached searches may lack it.
      ctx.invalidateList('Hotel');
      return hotel;
    },
  }),
);
