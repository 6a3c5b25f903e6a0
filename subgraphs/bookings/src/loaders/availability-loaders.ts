import { validIds } from '@travel/service-kit';
import DataLoader from 'dataloader';
import type { Db } from '../db.ts';
import { isoDate } from '../domain/booking-rules.ts';
import { peakBookedRooms } from '../domain/occupancy.ts';

export function createAvailabilityLoaders(db: Db) {
  const byRange = new Map<string, DataLoader<string, number>>();
  return {
    /**
     * Most rooms booked on any night of `[checkIn, checkOut)`, per room type id: ONE query
     * for every room type asked about the same dates (a search result's N room types).
     */
    peakBookedRooms(checkIn: Date, checkOut: Date): DataLoader<string, number> {
      const key = `${isoDate(checkIn)}/${isoDate(checkOut)}`;
      let loader = byRange.get(key);
      if (!loader) {
        loader = new DataLoader<string, number>(async (keys) => {
          const peaks = await peakBookedRooms(db, validIds(keys), checkIn, checkOut);
          return keys.map((id) => peaks.get(id.toLowerCase()) ?? 0);
        });
        byRange.set(key, loader);
      }
      return loader;
    },
  };
}
