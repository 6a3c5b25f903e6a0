import { subgraphSchemaOptions } from '@travel/service-kit';
import { builder } from '../builder.ts';
import './booking.ts';
import './hotel.ts';
import './user.ts';
import './trip.ts';
import './trip-mutations.ts';
import './itinerary-item.ts';
import './itinerary-item-mutations.ts';
import './subscription.ts';

export const schema = builder.toSubGraphSchema(subgraphSchemaOptions());
