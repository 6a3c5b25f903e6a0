import {
  FEDERATION_LINK_URL,
  federationDirectives,
  SUBGRAPH_DIRECTIVES,
} from '@travel/subgraph-kit';
import { builder } from '../builder.ts';
import './value-types.ts';
import './user.ts';
import './hotel.ts';
import './hotel-search.ts';
import './room-type.ts';
import './review.ts';

export const schema = builder.toSubGraphSchema({
  linkUrl: FEDERATION_LINK_URL,
  federationDirectives: federationDirectives(),
  directives: SUBGRAPH_DIRECTIVES,
});
