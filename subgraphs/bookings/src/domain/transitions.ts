import type { Viewer } from '@travel/auth';
import { errors } from '@travel/errors';
import { type EntityChanges, isUuid } from '@travel/service-kit';
import type { Db } from '../db.ts';
import { type Booking, type BookingStatus, Prisma } from '../generated/prisma/client.ts';
import { bookingsById } from '../loaders/read-statements.ts';
import type { BookingMetrics } from '../metrics/booking-metrics.ts';
import { type BookingParties, canCancelBooking, canConfirmBooking } from './access.ts';
import { bookingChange } from './booking-change.ts';

export interface TransitionDeps {
  db: Db;
  /** Announces each change (ctx.changed): invalidations and one event, after the commit. */
  changed: EntityChanges['changed'];
  /** Counts each status change made. */
  metrics: Pick<BookingMetrics, 'confirmed' | 'cancelled'>;
  /** The clock; default the system's. */
  now?: () => Date;
}

/** The guest (or an ADMIN) confirms a PENDING booking whose hold has not expired. */
export async function confirmBooking(deps: TransitionDeps, viewer: Viewer, id: string) {
  const booking = await loadFor(deps.db, viewer, id, canConfirmBooking);
  const now = deps.now?.() ?? new Date();
  if (booking.status === 'PENDING' && booking.holdExpiresAt && booking.holdExpiresAt <= now) {
    throw errors.invalidState('The hold on this booking expired; make a new booking');
  }
  return transition(deps, booking, {
    from: ['PENDING'],
    to: 'CONFIRMED',
    // The hold ends with the confirmation; an expired one can not be confirmed even if the
    // sweeper has not run yet, or a night it no longer counted could be overbooked.
    where: { holdExpiresAt: { gt: now } },
    data: { holdExpiresAt: null },
  });
}

/** The guest, the hotel's owner or an ADMIN cancels a PENDING or CONFIRMED booking. */
export async function cancelBooking(deps: TransitionDeps, viewer: Viewer, id: string) {
  const booking = await loadFor(deps.db, viewer, id, canCancelBooking);
  return transition(deps, booking, { from: ['PENDING', 'CONFIRMED'], to: 'CANCELLED' });
}

async function loadFor(
  db: Db,
  viewer: Viewer,
  id: string,
  allowed: (viewer: Viewer, booking: BookingParties) => boolean,
): Promise<Booking> {
  // The loaders' prepared statement: a fraction of a Prisma query's CPU.
  const [booking] = isUuid(id) ? await db.$reads.rows(bookingsById, [[id]]) : [];
  if (!booking) throw errors.notFound('Booking', id);
  if (!allowed(viewer, booking)) throw errors.forbidden('You may not change this booking');
  return booking;
}

interface Change {
  from: BookingStatus[];
  to: BookingStatus;
  where?: Omit<Prisma.BookingWhereInput, 'id'>;
  data?: Prisma.BookingUpdateInput;
}

/**
 * One conditional UPDATE: the status is checked by the statement that changes it, so two
 * racing transitions (or the sweeper) can not both succeed. Publishes after the commit.
 */
async function transition(deps: TransitionDeps, booking: Booking, change: Change) {
  const { db, changed, metrics } = deps;
  if (!change.from.includes(booking.status)) throw notAllowed(booking.status, change.to);
  try {
    const updated = await db.booking.update({
      where: { id: booking.id, status: { in: change.from }, ...change.where },
      // The version moves in the statement that changes the status: one version per change.
      data: { ...change.data, status: change.to, version: { increment: 1 } },
    });
    if (change.to === 'CONFIRMED') metrics.confirmed();
    if (change.to === 'CANCELLED') metrics.cancelled('requested');
    await changed(bookingChange(updated));
    return updated;
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2025') {
      throw error;
    }
    // Someone else changed it between our read and our write.
    throw errors.invalidState(`The booking changed meanwhile; it can not become ${change.to}`);
  }
}

function notAllowed(status: BookingStatus, to: BookingStatus) {
  return errors.invalidState(`A ${status} booking can not become ${to}`);
}
