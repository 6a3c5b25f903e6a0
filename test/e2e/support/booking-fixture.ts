import { startForFile } from '@travel/testing';
import { createRoomType, type PartnerRoomType } from './bookings.ts';
import { startTestStack, type TestStack } from './stack.ts';
import { type SignedInUser, signUp } from './users.ts';

export interface BookingFixture {
  stack: TestStack;
  partner: SignedInUser;
  guest: SignedInUser;
  /** The partner's one hotel and its one room type. */
  roomType: PartnerRoomType;
}

/**
 * A stack of the file's own (no demo data: every row is the test's) where a partner owns one
 * hotel of `totalRooms` rooms and a guest can book it. `domain` keeps each file's users apart
 * (`partner@<domain>`, `guest@<domain>`).
 */
export async function startBookingFixture(
  domain: string,
  totalRooms: number,
  hotelName: string,
): Promise<BookingFixture> {
  const stack = await startTestStack({ seed: false });
  try {
    const [partner, guest] = await Promise.all([
      signUp(stack.url, `partner@${domain}`, 'PARTNER'),
      signUp(stack.url, `guest@${domain}`),
    ]);
    const roomType = await createRoomType(stack.url, partner, totalRooms, hotelName);
    return { stack, partner, guest, roomType };
  } catch (error) {
    // The caller never sees the stack, so its afterAll cannot stop it.
    await stack.stop();
    throw error;
  }
}

/**
 * The fixture for the calling file's tests: started before them, stopped after them; read it
 * through the returned function inside hooks and tests.
 */
export function bookingFixtureForFile(
  domain: string,
  totalRooms: number,
  hotelName: string,
): () => BookingFixture {
  return startForFile(async () => {
    const fixture = await startBookingFixture(domain, totalRooms, hotelName);
    return { ...fixture, stop: () => fixture.stack.stop() };
  });
}
