import type { Viewer } from '@travel/auth';
import { errors } from '@travel/errors';

/**
 * Every subgraph's answer to a failed authorization check (Pothos scope-auth's
 * `unauthorizedError`): anonymous callers must sign in (UNAUTHENTICATED); signed-in ones lack
 * the right, and signing in again won't help (FORBIDDEN).
 */
export function unauthorizedError(_parent: unknown, context: { viewer: Viewer | null }) {
  return context.viewer ? errors.forbidden() : errors.unauthenticated();
}
