import { subgraphSchemaOptions } from '@travel/service-kit';
import { builder } from '../builder.ts';
import './value-types.ts';
import './booking-status.ts';
import './user.ts';
import './hotel.ts';
import './availability.ts';
import './booking.ts';
import './booking-connection.ts';
import './booking-mutations.ts';
import './subscription.ts';

/** The federated schema of the bookings subgraph. */
export const schema = builder.toSubGraphSchema(subgraphSchemaOptions());
