export { type Config, type ConfigOverrides, configFrom, loadConfig } from './config.ts';
export { createDb, type Db, type DbOptions } from './db.ts';
export { bookingChange, type ChangedBooking } from './domain/booking-change.ts';
export {
  type BookingMetrics,
  createBookingMetrics,
} from './metrics/booking-metrics.ts';
export { schema } from './schema/index.ts';
export {
  type DemoBookingsOptions,
  type SeedRoomType,
  seedDemoBookings,
} from './seed/seed-demo-bookings.ts';
export { type BookingsServiceOptions, createBookingsService } from './service.ts';
export {
  createHoldSweeper,
  type HoldSweeper,
  type HoldSweeperOptions,
} from './sweeper/hold-sweeper.ts';
export { sweepExpiredHolds } from './sweeper/sweep-expired-holds.ts';
