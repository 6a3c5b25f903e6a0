import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenVerifier, Viewer } from '@travel/auth';
import { sendErrorResponse } from '@travel/errors';
import type { Logger } from '@travel/logger';
import {
  anonymousSession,
  authenticateCredentials,
  type Credentials,
  CredentialsRefused,
  credentialsFromHeaders,
  hasCredentials,
} from '../request-pipeline/authenticate-credentials.ts';
import { type ApiKeyIdentity, ApiKeyLookupError } from './api-keys.ts';
import type { RequestState, Step, StepResult } from './request-state.ts';

/** Partners' `x-api-key`: resolved to an identity, then a token subgraphs trust is minted. */
export interface ApiKeyAuthentication {
  /**
   * The key's identity; null for an unknown or revoked key; throws ApiKeyLookupError.
   * `fresh` skips the cached answer (see createApiKeyResolver).
   */
  resolve(secret: string, options?: { fresh?: boolean }): Promise<ApiKeyIdentity | null>;
  /** A short-lived token for the partner, forwarded to subgraphs in place of the key. */
  issue(viewer: Viewer): Promise<string>;
}

/**
 * Verifies the caller once per request, before any GraphQL work, with the function every
 * transport uses (request-pipeline/authenticate-credentials.ts); no credentials means
 * anonymous. A bearer token is verified here and forwarded (subgraphs verify it again); a bad,
 * forged or expired one answers HTTP 401 and never reaches a subgraph. An `x-api-key` is
 * resolved through accounts (cached briefly) and replaced by a token minted for the partner,
 * with `apiKeyId` set; an unknown or revoked key answers 401. Both at once answer 400.
 * The session stays in the request's state for subscriptions over HTTP (multipart, SSE).
 * Anything else it throws is the handler's 500.
 */
export function authenticate({
  verifier,
  apiKeys,
  log,
}: {
  verifier: TokenVerifier;
  apiKeys?: ApiKeyAuthentication;
  log: Logger;
}): Step {
  const verify = async (
    req: IncomingMessage,
    res: ServerResponse,
    state: RequestState,
    credentials: Credentials,
  ): Promise<StepResult> => {
    try {
      const session = await authenticateCredentials(credentials, state.clientAddress, {
        verifier,
        apiKeys,
      });
      state.session = session;
      state.viewer = session.viewer;
      state.authorization = await session.authorization();
      return 'next';
    } catch (error) {
      if (error instanceof ApiKeyLookupError) {
        log.warn({ err: error, requestId: state.requestId }, 'API key lookup failed');
        sendErrorResponse(req, res, {
          status: 503,
          message: 'The API key could not be verified; try again',
          code: 'SERVICE_UNAVAILABLE',
        });
        return 'answered';
      }
      if (!(error instanceof CredentialsRefused)) throw error;
      const unauthenticated = error.code === 'UNAUTHENTICATED';
      sendErrorResponse(req, res, {
        status: unauthenticated ? 401 : 400,
        message: error.message,
        code: error.code,
        headers: unauthenticated ? { 'www-authenticate': 'Bearer' } : undefined,
      });
      return 'answered';
    }
  };
  return (req, res, state) => {
    const credentials = credentialsFromHeaders(req.headers);
    if (hasCredentials(credentials)) return verify(req, res, state, credentials);
    // Anonymous (most public traffic) at once: nothing to verify, no promise to wait for.
    state.session = anonymousSession(state.clientAddress);
    return 'next';
  };
}
