import type { Logger } from '@travel/logger';
import type { Session } from '../request-pipeline/authenticate-credentials.ts';

export interface RevocationCheckOptions {
  session: Session;
  /** Between two checks, in ms: API_KEY_CACHE_TTL_SECONDS, so a revocation ends the socket within it. */
  everyMs: number;
  /** Closes the socket (4403): its credentials no longer stand. */
  refuse(reason: string): void;
  log: Logger;
}

/**
 * Asks again, every `everyMs`, whether a socket's credentials still stand, and refuses the
 * socket once they do not, without waiting for an event to deliver (a revoked partner key
 * would otherwise keep its socket, and its slot, until the next entity change). A check that
 * can not tell (accounts down) keeps the socket: the next one decides. The timer is unref'd;
 * the caller clears it when the socket closes. Undefined when there is nothing to ask.
 */
export function startRevocationCheck(options: RevocationCheckOptions): NodeJS.Timeout | undefined {
  const { session, refuse, log } = options;
  const stillValid = session.stillValid;
  if (!stillValid) return undefined;
  let checking = false;
  const timer = setInterval(async () => {
    if (checking) return;
    checking = true;
    try {
      if (!(await stillValid())) {
        clearInterval(timer);
        refuse('API key revoked');
      }
    } catch (err) {
      log.warn({ err }, 'could not check whether the credentials still stand; keeping the socket');
    } finally {
      checking = false;
    }
  }, options.everyMs);
  timer.unref();
  return timer;
}
