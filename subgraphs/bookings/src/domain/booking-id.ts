import { randomFillSync } from 'node:crypto';

/**
 * A new booking's id: a uuid v7 (RFC 9562), as the schema's `@default(uuid(7))` makes, for the
 * writes that insert with SQL of their own. Its first 48 bits are the Unix time in ms, so ids
 * sort by creation, which a guest's pages of bookings rely on (newest first, by id).
 */
export function newBookingId(now: Date = new Date()): string {
  const bytes = randomFillSync(new Uint8Array(16));
  let ms = now.getTime();
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
