import { byIdLoader, listLoader } from '@travel/subgraph-kit';
import type { Db } from '../db.ts';
import type { RoomType } from '../generated/prisma/client.ts';

export function createRoomTypeLoaders(db: Db) {
  return {
    // The whole row, so `totalRooms` is there when the bookings subgraph @requires it.
    roomTypeById: byIdLoader<RoomType>((ids) =>
      db.roomType.findMany({ where: { id: { in: ids } } }),
    ),
    /** Each hotel's room types ordered by id (creation order: ids are uuid v7). */
    roomTypesByHotelId: listLoader<RoomType>(
      (row) => row.hotelId,
      (ids) => db.roomType.findMany({ where: { hotelId: { in: ids } }, orderBy: { id: 'asc' } }),
    ),
  };
}
