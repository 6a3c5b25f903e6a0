import { COST_DIRECTIVES, FEDERATION_LINK_URL, SUBGRAPH_DIRECTIVES } from '@travel/subgraph-kit';
import { builder } from '../builder.ts';
import './booking.ts';
import './hotel.ts';
import './user.ts';
import './trip.ts';
import './trip-mutations.ts';
import './itinerary-item.ts';
import './itinerary-item-mutations.ts';

export const schema = builder.toSubGraphSchema({
  linkUrl: FEDERATION_LINK_URL,
  // @extends: externalRef marks User, Booking and Hotel as extensions of other subgraphs' entities.
  federationDirectives: [
    '@key',
    '@shareable',
    '@external',
    '@requires',
    '@extends',
    ...COST_DIRECTIVES,
  ],
  directives: SUBGRAPH_DIRECTIVES,
});
