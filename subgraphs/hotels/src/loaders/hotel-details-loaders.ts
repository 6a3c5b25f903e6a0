import { validIds } from '@travel/service-kit';
import DataLoader from 'dataloader';
import type { Db } from '../db.ts';
import type { Hotel, RoomType } from '../generated/prisma/client.ts';
import { type HotelDetailsRow, hotelDetails } from './read-statements.ts';

/** A hotel with what a partner's hotel page shows besides it. */
export interface HotelDetails {
  hotel: Hotel;
  averageRating: number | null;
  roomTypes: RoomType[];
}

export function createHotelDetailsLoaders(db: Db) {
  return {
    /**
     * Each hotel with its mean rating and its room types in ONE statement, where
     * hotelById, averageRatingByHotelId and roomTypesByHotelId take three: each a round trip,
     * and writing and parsing the three was ~40% of hotels' CPU for a partner's hotel page
     * (profile, 2026-12-02). Null for misses and malformed ids.
     */
    hotelDetailsById: new DataLoader<string, HotelDetails | null>(async (keys) => {
      const ids = validIds(keys);
      const rows = ids.length > 0 ? await db.$reads.rows(hotelDetails, [ids]) : [];
      const byId = new Map<string, HotelDetails>();
      for (const row of rows) {
        let details = byId.get(row.id);
        if (!details) {
          details = { hotel: hotelOf(row), averageRating: row.averageRating, roomTypes: [] };
          byId.set(row.id, details);
        }
        if (row.roomTypeId !== null) details.roomTypes.push(roomTypeOf(row, row.roomTypeId));
      }
      return keys.map((key) => byId.get(key.toLowerCase()) ?? null);
    }),
  };
}

/** The row's hotel, as hotels_by_id reads it. */
function hotelOf(row: HotelDetailsRow): Hotel {
  return {
    id: row.id,
    ownerId: row.ownerId,
    name: row.name,
    description: row.description,
    city: row.city,
    cityKey: row.cityKey,
    country: row.country,
    starRating: row.starRating,
    amenities: row.amenities,
    createdAt: row.createdAt,
  };
}

/** The row's room type, as room_types_by_hotel_id reads it. */
function roomTypeOf(row: HotelDetailsRow, id: string): RoomType {
  return {
    id,
    hotelId: row.id,
    name: row.roomTypeName,
    maxGuests: row.roomTypeMaxGuests,
    totalRooms: row.roomTypeTotalRooms,
    nightlyRateAmount: row.roomTypeNightlyRateAmount,
    currency: row.roomTypeCurrency,
    createdAt: row.roomTypeCreatedAt,
  };
}
