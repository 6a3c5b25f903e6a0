import { COST_DIRECTIVES, FEDERATION_LINK_URL, SUBGRAPH_DIRECTIVES } from '@travel/subgraph-kit';
import { builder } from '../builder.ts';
import './money.ts';
import './page-info.ts';
import './user.ts';
import './hotel.ts';
import './hotel-search.ts';
import './room-type.ts';
import './review.ts';

export const schema = builder.toSubGraphSchema({
  linkUrl: FEDERATION_LINK_URL,
  // @extends: externalRef marks User as an extension of accounts' entity.
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
