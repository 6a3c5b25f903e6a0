export { type BookingsClient, createBookingsClient } from './bookings/bookings-client.ts';
export { type Config, type ConfigOverrides, configFrom, loadConfig } from './config.ts';
export { createDb, type Db, type DbOptions } from './db.ts';
export { schema } from './schema/index.ts';
export {
  type DemoTripOwner,
  type SeedDemoTripsOptions,
  seedDemoTrips,
} from './seed/seed-demo-trips.ts';
export { createTripsService, type TripsServiceOptions } from './service.ts';
