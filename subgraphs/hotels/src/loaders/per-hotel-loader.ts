import { validIds } from '@travel/service-kit';
import DataLoader from 'dataloader';

/**
 * One value per hotel for every hotel a request asks about, from ONE grouped query: `group`
 * answers `[hotelId, value]` for the (valid, lower-cased) ids; a hotel it leaves out, or a
 * malformed id, gets `none`.
 */
export function perHotelLoader<V>(
  group: (hotelIds: string[]) => Promise<(readonly [string, V])[]>,
  none: V,
): DataLoader<string, V> {
  return new DataLoader(async (keys) => {
    const ids = validIds(keys);
    const byHotel = new Map(ids.length > 0 ? await group(ids) : []);
    return keys.map((key) => byHotel.get(key.toLowerCase()) ?? none);
  });
}
