import { subgraphSchemaOptions } from '@travel/service-kit';
import { builder } from '../builder.ts';
import './value-types.ts';
import './user.ts';
import './hotel.ts';
import './hotel-search.ts';
import './room-type.ts';
import './review.ts';

export const schema = builder.toSubGraphSchema(subgraphSchemaOptions());
