import { ROLES } from '@travel/auth';
import { builder } from '../builder.ts';

export const RoleRef = builder.enumType('Role', {
  description:
    'What a user may do: book (TRAVELER), list hotels and use API keys (PARTNER), all (ADMIN)',
  values: ROLES,
});
