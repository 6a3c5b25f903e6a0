import { SUBGRAPH_DIRECTIVES } from '@travel/subgraph-kit';
import { builder } from '../builder.ts';
import './booking.ts';
import './hotel.ts';
import './user.ts';
import './trip.ts';
import './trip-mutations.ts';
import './itinerary-item.ts';
import './itinerary-item-mutations.ts';

export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
  // @extends: externalRef marks User, Booking and Hotel as extensions of other subgraphs' entities.
  federationDirectives: ['@key', '@shareable', '@external', '@requires', '@extends'],
  directives: SUBGRAPH_DIRECTIVES,
});
