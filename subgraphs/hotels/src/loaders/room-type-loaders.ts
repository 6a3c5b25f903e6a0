import { byIdLoader, listLoader } from '@travel/service-kit';
import type { Db } from '../db.ts';
import type { RoomType } from '../generated/prisma/client.ts';
import { roomTypesByHotelId, roomTypesById } from './read-statements.ts';

export function createRoomTypeLoaders(db: Db) {
  return {
    // The whole row, so `totalRooms` is there when the bookings subgraph @requires it.
    roomTypeById: byIdLoader((ids) => db.$reads.rows(roomTypesById, [ids])),
    /** Each hotel's room types ordered by id (creation order: ids are uuid v7). */
    roomTypesByHotelId: listLoader(
      (row: RoomType) => row.hotelId,
      (ids) => db.$reads.rows(roomTypesByHotelId, [ids]),
    ),
  };
}
