import { z } from 'zod';

/** What a booking needs to know about a room type; hotels is the only source of it. */
export interface RoomTypeFacts {
  id: string;
  totalRooms: number;
  maxGuests: number;
  nightlyRate: { amount: number; currency: string };
  hotelId: string;
  hotelOwnerId: string;
}

// `owner { id }` is a reference hotels answers from its own column: no hop to accounts.
export const ROOM_TYPE_QUERY = `query BookingRoomType($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on RoomType {
      totalRooms
      maxGuests
      nightlyRate { amount currency }
      hotel { id owner { id } }
    }
  }
}`;

const RoomType = z.object({
  totalRooms: z.int().nonnegative(),
  maxGuests: z.int().positive(),
  nightlyRate: z.object({ amount: z.int().nonnegative(), currency: z.string().length(3) }),
  hotel: z.object({ id: z.string(), owner: z.object({ id: z.string() }) }),
});

const Answer = z.object({
  data: z.object({ _entities: z.array(RoomType.nullable()).length(1) }).nullish(),
  errors: z.array(z.object({ message: z.string() })).optional(),
});

/**
 * The facts of room type `id` from a GraphQL answer; null when hotels does not know it.
 * Throws on errors or an unexpected shape: that is hotels failing, not a missing room type.
 */
export function roomTypeFromAnswer(id: string, body: unknown): RoomTypeFacts | null {
  const answer = Answer.parse(body);
  if (answer.errors?.length) {
    throw new Error(`hotels answered errors: ${answer.errors.map((e) => e.message).join('; ')}`);
  }
  const entity = answer.data?._entities[0];
  if (entity === undefined) throw new Error('hotels answered no data');
  if (entity === null) return null;
  return {
    id,
    totalRooms: entity.totalRooms,
    maxGuests: entity.maxGuests,
    nightlyRate: entity.nightlyRate,
    hotelId: entity.hotel.id,
    hotelOwnerId: entity.hotel.owner.id,
  };
}
