import { SUBGRAPH_DIRECTIVES } from '@travel/subgraph-kit';
import { builder } from '../builder.ts';
import './role.ts';
import './api-key.ts';
import './api-key-identity.ts';
import './user.ts';
import './auth.ts';

builder.queryType({});
builder.mutationType({});

/** The accounts subgraph's federated schema (Federation 2.6). */
export const schema = builder.toSubGraphSchema({
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
  federationDirectives: [
    '@key',
    '@shareable',
    '@external',
    '@requires',
    '@extends',
    '@inaccessible',
  ],
  directives: SUBGRAPH_DIRECTIVES,
});
