import { cacheHint } from '@travel/service-kit';
import { builder } from '../builder.ts';

/** accounts' User, known here by id only; bookings adds `User.bookings` (booking-connection.ts). */
export const UserRef = builder.externalRef('User', builder.selection<{ id: string }>('id'));

UserRef.implement({
  directives: { cacheControl: cacheHint.catalogue },
  fields: (t) => ({ id: t.exposeID('id') }),
});
