import { subgraphSchemaOptions } from '@travel/service-kit';
import { builder } from '../builder.ts';
import './role.ts';
import './api-key.ts';
import './api-key-identity.ts';
import './user.ts';
import './auth.ts';

builder.queryType({});
builder.mutationType({});

/** The accounts subgraph's federated schema (Federation 2.9). */
export const schema = builder.toSubGraphSchema(subgraphSchemaOptions('@inaccessible'));
