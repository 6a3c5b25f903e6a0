import type { Logger } from '@travel/logger';
import type { PubSubEngine } from 'graphql-subscriptions';
import { BOOKING_CHANGED, type BookingChanged } from './channels.ts';

export interface BookingEventsOptions {
  pubsub: PubSubEngine;
  log: Pick<Logger, 'error'>;
  /** Longest a mutation waits for a publish before giving up on it; default 500 ms. */
  timeoutMs?: number;
}

export interface BookingEvents {
  /** Publishes one change; never rejects (the change is already committed). */
  changed(booking: {
    id: string;
    guestId: string;
    hotelId: string;
    roomTypeId: string;
    status: BookingChanged['status'];
  }): Promise<void>;
}

/** Publishes booking changes; a failed or hanging publish is logged, never thrown. */
export function createBookingEvents({
  pubsub,
  log,
  timeoutMs = 500,
}: BookingEventsOptions): BookingEvents {
  return {
    async changed(booking) {
      const event: BookingChanged = {
        bookingId: booking.id,
        guestId: booking.guestId,
        hotelId: booking.hotelId,
        roomTypeId: booking.roomTypeId,
        status: booking.status,
      };
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`publish took over ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([pubsub.publish(BOOKING_CHANGED, event), timeout]);
      } catch (error) {
        log.error({ err: error, event }, 'booking event not published');
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
