import type { Viewer } from '@travel/auth';
import { errors } from '@travel/errors';
import { GraphQLError, type GraphQLFormattedError, parse } from 'graphql';
import type { RouterContext } from '../context.ts';
import type { BookingChanged } from '../events/booking-events.ts';
import type { ExecuteOperation } from './gateway-execute.ts';

/** What a Subscription field needs: who may subscribe, and which events are theirs. */
export interface FieldPolicy {
  /** Checked once when subscribing: the error to answer with, or undefined to allow. */
  authorize(
    args: Record<string, unknown>,
    viewer: Viewer,
    check: Check,
  ): Promise<GraphQLError | undefined>;
  /** Cheap pre-filter per event; the re-read with the subscriber's identity decides the rest. */
  matches(event: BookingChanged, args: Record<string, unknown>, viewer: Viewer): boolean;
}

/** Runs a small query through the gateway as the subscriber. */
export type Check = (
  source: string,
  variables: Record<string, unknown>,
) => ReturnType<ExecuteOperation>;

/** A check runner for one subscriber: the same gateway path and identity as its events. */
export function checkAs(execute: ExecuteOperation, context: RouterContext): Check {
  return (source, variables) => execute({ document: parse(source), source, variables, context });
}

const BOOKING = 'query SubscriptionBookingCheck($id: ID!) { booking(id: $id) { id } }';
const HOTEL_OWNER = 'query SubscriptionHotelCheck($id: ID!) { hotel(id: $id) { owner { id } } }';

const id = (value: unknown) => String(value).toLowerCase();

/**
 * The contract's rules (schema/api.graphql), all for signed-in users only:
 * - `bookingUpdated`: the guest, the hotel's owner or an ADMIN — asked of the bookings
 *   subgraph itself, as the subscriber (`booking(id)` is null for anyone else and for unknown
 *   ids; both answer FORBIDDEN, so ids can not be probed);
 * - `myBookingUpdates`: the viewer's own bookings;
 * - `hotelBookingUpdates`: the hotel's owner (`hotel(id) { owner { id } }`) or an ADMIN.
 * Every event is then re-read as the subscriber; one they may no longer see is dropped.
 */
export const FIELD_POLICIES: Readonly<Record<string, FieldPolicy>> = {
  bookingUpdated: {
    async authorize(args, _viewer, check) {
      const result = await check(BOOKING, { id: args.id });
      const booking = (result.data as { booking?: { id: string } | null } | null)?.booking;
      if (booking) return undefined;
      return firstError(result.errors) ?? errors.forbidden('You may not follow this booking');
    },
    matches: (event, args) => event.bookingId === id(args.id),
  },
  myBookingUpdates: {
    authorize: async () => undefined,
    matches: (event, _args, viewer) => event.guestId === viewer.userId,
  },
  hotelBookingUpdates: {
    async authorize(args, viewer, check) {
      const result = await check(HOTEL_OWNER, { id: args.hotelId });
      const hotel = (result.data as { hotel?: { owner: { id: string } } | null } | null)?.hotel;
      if (hotel && (viewer.role === 'ADMIN' || hotel.owner.id === viewer.userId)) return undefined;
      return (
        firstError(result.errors) ?? errors.forbidden("You may not follow this hotel's bookings")
      );
    },
    matches: (event, args) => event.hotelId === id(args.hotelId),
  },
};

/** A check's own error (a subgraph down, a malformed id), passed on with its code. */
function firstError(list: readonly GraphQLFormattedError[] | undefined): GraphQLError | undefined {
  const first = list?.[0];
  return first && new GraphQLError(first.message, { extensions: first.extensions });
}
