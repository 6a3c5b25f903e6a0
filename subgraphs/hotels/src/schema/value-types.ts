import { defineMoney, definePageInfo } from '@travel/subgraph-kit';
import { builder } from '../builder.ts';

export const MoneyRef = defineMoney(builder);
export const PageInfoRef = definePageInfo(builder);
