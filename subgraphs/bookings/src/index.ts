export { type Config, loadConfig } from './config.ts';
export { createDb, type Db, type DbOptions } from './db.ts';
export { type BookingEvents, createBookingEvents } from './events/booking-events.ts';
export { BOOKING_CHANGED, type BookingChanged } from './events/channels.ts';
export { createRedisPubSub } from './events/redis-pubsub.ts';
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
export { createServer, type ServerDeps } from './server.ts';
export {
  createHoldSweeper,
  type HoldSweeper,
  type HoldSweeperOptions,
} from './sweeper/hold-sweeper.ts';
export { sweepExpiredHolds } from './sweeper/sweep-expired-holds.ts';
