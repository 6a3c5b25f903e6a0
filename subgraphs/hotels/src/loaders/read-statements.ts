import { type ReadStatement, readStatement } from '@travel/service-kit';
import type { HotelSearchFilter } from '../domain/search.ts';
import type { Hotel, Review, RoomType } from '../generated/prisma/client.ts';

// Every column under its Prisma field name, so that a row read here is the model's type
// (read-statements.int.test.ts compares them with Prisma's rows).
const HOTEL = `id, owner_id AS "ownerId", name, description, city, city_key AS "cityKey",
  country, star_rating AS "starRating", amenities, created_at AS "createdAt"`;
const ROOM_TYPE = `id, hotel_id AS "hotelId", name, max_guests AS "maxGuests",
  total_rooms AS "totalRooms", nightly_rate_amount AS "nightlyRateAmount", currency,
  created_at AS "createdAt"`;
const REVIEW = `id, hotel_id AS "hotelId", author_id AS "authorId", rating, comment,
  created_at AS "createdAt"`;

/** $1: ids. */
export const hotelsById = readStatement<Hotel>(
  'hotels_by_id',
  `SELECT ${HOTEL} FROM hotels WHERE id = ANY($1::uuid[])`,
);

/** $1: ids. */
export const roomTypesById = readStatement<RoomType>(
  'room_types_by_id',
  `SELECT ${ROOM_TYPE} FROM room_types WHERE id = ANY($1::uuid[])`,
);

/** $1: hotel ids. Each hotel's room types by id (creation order: ids are uuid v7). */
export const roomTypesByHotelId = readStatement<RoomType>(
  'room_types_by_hotel_id',
  `SELECT ${ROOM_TYPE} FROM room_types WHERE hotel_id = ANY($1::uuid[]) ORDER BY hotel_id, id`,
);

/**
 * $1: hotel ids, $2: the id after which a page starts (null: from the first), $3: rows per
 * hotel. `row_number()` per hotel cuts every hotel's page in the same statement.
 */
export const reviewPages = readStatement<Review>(
  'review_pages',
  `SELECT ${REVIEW}
   FROM (
     SELECT r.*, row_number() OVER (PARTITION BY hotel_id ORDER BY id) AS position
     FROM reviews r
     WHERE hotel_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR id > $2::uuid)
   ) ranked
   WHERE position <= $3::int
   ORDER BY hotel_id, id`,
);

/**
 * $1: hotel ids. Each reviewed hotel's mean rating; hotels without reviews have no row.
 * `float8`: the double Prisma's `groupBy` `_avg` answers (read-statements.int.test.ts).
 */
export const averageRatings = readStatement<{ hotelId: string; rating: number }>(
  'average_ratings',
  `SELECT hotel_id AS "hotelId", avg(rating)::float8 AS rating
   FROM reviews WHERE hotel_id = ANY($1::uuid[]) GROUP BY hotel_id`,
);

/** A hotel row, its mean rating, and one of its room types' columns (all null without any). */
export type HotelDetailsRow = Hotel & {
  averageRating: number | null;
  roomTypeId: string | null;
  roomTypeName: string;
  roomTypeMaxGuests: number;
  roomTypeTotalRooms: number;
  roomTypeNightlyRateAmount: number;
  roomTypeCurrency: string;
  roomTypeCreatedAt: Date;
};

/**
 * $1: hotel ids. What hotels_by_id, average_ratings and room_types_by_hotel_id read, in one
 * statement: a row per room type (one with null room type columns for a hotel without any),
 * by hotel and room type id. The mean as there (`float8`), once per hotel (LATERAL).
 */
export const hotelDetails = readStatement<HotelDetailsRow>(
  'hotel_details',
  `WITH h AS (SELECT ${HOTEL} FROM hotels WHERE id = ANY($1::uuid[]))
   SELECT h.*, a.rating AS "averageRating", rt.id AS "roomTypeId", rt.name AS "roomTypeName",
     rt.max_guests AS "roomTypeMaxGuests", rt.total_rooms AS "roomTypeTotalRooms",
     rt.nightly_rate_amount AS "roomTypeNightlyRateAmount", rt.currency AS "roomTypeCurrency",
     rt.created_at AS "roomTypeCreatedAt"
   FROM h
   CROSS JOIN LATERAL (SELECT avg(rating)::float8 AS rating FROM reviews WHERE hotel_id = h.id) a
   LEFT JOIN room_types rt ON rt.hotel_id = h.id
   ORDER BY h.id, rt.id`,
);

/** A statement and the values of its parameters. */
export interface BoundStatement<Row> {
  statement: ReadStatement<Row>;
  values: unknown[];
}

/** `take` hotels matching `filter` after `afterId` (or from the first), by id. */
export function hotelSearchPage(
  filter: HotelSearchFilter,
  afterId: string | undefined,
  take: number,
): BoundStatement<Hotel> {
  const values = [...filter.values];
  const conditions = [...filter.conditions];
  if (afterId !== undefined) conditions.push(`id > $${values.push(afterId)}::uuid`);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const limit = `$${values.push(take)}::int`;
  return {
    statement: readStatement<Hotel>(
      `hotel_search_${filter.key}${afterId === undefined ? '' : '_after'}`,
      `SELECT ${HOTEL} FROM hotels ${where} ORDER BY id LIMIT ${limit}`,
    ),
    values,
  };
}

/** How many hotels match `filter`. */
export function hotelSearchCount(filter: HotelSearchFilter): BoundStatement<{ count: number }> {
  const where = filter.conditions.length > 0 ? `WHERE ${filter.conditions.join(' AND ')}` : '';
  return {
    statement: readStatement<{ count: number }>(
      `hotel_count_${filter.key}`,
      `SELECT count(*)::int AS count FROM hotels ${where}`,
    ),
    values: filter.values,
  };
}
