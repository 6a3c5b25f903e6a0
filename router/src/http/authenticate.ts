import { type TokenVerifier, type Viewer, viewerFromAuthorization } from '@travel/auth';
import { AppError, type ErrorCode, sendErrorResponse } from '@travel/errors';
import type { Logger } from '@travel/logger';
import type { Request, RequestHandler, Response } from 'express';
import { routerLocals } from '../context.ts';
import { type ApiKeyIdentity, ApiKeyLookupError } from './api-keys.ts';

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

const answer = (
  req: Request,
  res: Response,
  status: number,
  message: string,
  code: ErrorCode,
  headers?: Record<string, string>,
) => sendErrorResponse(req, res, { status, message, code, headers });

/**
 * Verifies the caller once per request, before any GraphQL work; no credentials means
 * anonymous. A bearer token is verified here and forwarded (subgraphs verify it again); a bad,
 * forged or expired one answers HTTP 401 and never reaches a subgraph. An `x-api-key` is
 * resolved through accounts (cached briefly) and replaced by a token minted for the partner,
 * with `apiKeyId` set; an unknown or revoked key answers 401. Both at once answer 400.
 */
export function authenticate({
  verifier,
  apiKeys,
  log,
}: {
  verifier: TokenVerifier;
  /** Absent: `x-api-key` is ignored (anonymous unless a token is sent). */
  apiKeys?: ApiKeyAuthentication;
  log: Logger;
}): RequestHandler {
  return async (req, res, next) => {
    const apiKey = req.headers['x-api-key'];
    try {
      if (apiKey !== undefined && apiKeys) {
        if (req.headers.authorization !== undefined) {
          return answer(
            req,
            res,
            400,
            'Send either Authorization or x-api-key, not both',
            'BAD_REQUEST',
          );
        }
        const identity = await apiKeys.resolve(Array.isArray(apiKey) ? '' : apiKey);
        if (!identity)
          return answer(req, res, 401, 'Invalid or revoked API key', 'UNAUTHENTICATED');
        const viewer: Viewer = { ...identity };
        routerLocals(res).viewer = viewer;
        routerLocals(res).authorization = `Bearer ${await apiKeys.issue(viewer)}`;
        return next();
      }
      routerLocals(res).viewer = await viewerFromAuthorization(verifier, req.headers.authorization);
      next();
    } catch (error) {
      if (error instanceof ApiKeyLookupError) {
        log.warn({ err: error, requestId: routerLocals(res).requestId }, 'API key lookup failed');
        return answer(
          req,
          res,
          503,
          'The API key could not be verified; try again',
          'SERVICE_UNAVAILABLE',
        );
      }
      if (!(error instanceof AppError)) return next(error);
      answer(req, res, 401, error.message, error.code, { 'www-authenticate': 'Bearer' });
    }
  };
}
