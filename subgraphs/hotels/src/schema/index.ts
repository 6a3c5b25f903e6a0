import { SUBGRAPH_DIRECTIVES } from '@travel/subgraph-kit';
import { builder } from '../builder.ts';
import './money.ts';
import './page-info.ts';
import './user.ts';
import './hotel.ts';
import './hotel-search.ts';
import './room-type.ts';
import './review.ts';

export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
  // @extends: externalRef marks User as an extension of accounts' entity.
  federationDirectives: ['@key', '@shareable', '@external', '@requires', '@extends'],
  directives: SUBGRAPH_DIRECTIVES,
});
