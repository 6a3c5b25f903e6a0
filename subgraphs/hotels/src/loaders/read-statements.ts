import { readStatement } from '@travel/subgraph-kit';
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
