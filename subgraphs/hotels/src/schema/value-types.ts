import { defineMoney, definePageInfo } from '@travel/service-kit';
import { builder } from '../builder.ts';

export const MoneyRef = defineMoney(builder);
export const PageInfoRef = definePageInfo(builder);
