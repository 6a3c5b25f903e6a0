import { COST_DIRECTIVES, FEDERATION_LINK_URL, SUBGRAPH_DIRECTIVES } from '@travel/subgraph-kit';
import { builder } from '../builder.ts';
import './role.ts';
import './api-key.ts';
import './api-key-identity.ts';
import './user.ts';
import './auth.ts';

builder.queryType({});
builder.mutationType({});

/** The accounts subgraph's federated schema (Federation 2.9). */
export const schema = builder.toSubGraphSchema({
  linkUrl: FEDERATION_LINK_URL,
  federationDirectives: [
    '@key',
    '@shareable',
    '@external',
    '@requires',
    '@extends',
    '@inaccessible',
    ...COST_DIRECTIVES,
  ],
  directives: SUBGRAPH_DIRECTIVES,
});
