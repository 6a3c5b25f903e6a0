import { type TokenVerifier, viewerFromAuthorization } from '@travel/auth';
import { AppError } from '@travel/errors';
import type { RequestHandler } from 'express';
import { routerLocals } from '../context.ts';

/**
 * Verifies the bearer token once per request, before any GraphQL work: a bad, forged or
 * expired token answers HTTP 401 in the GraphQL error shape and never reaches a subgraph; no
 * header means anonymous. Subgraphs verify the forwarded header again (defence in depth).
 */
export function authenticate(verifier: TokenVerifier): RequestHandler {
  return async (req, res, next) => {
    try {
      routerLocals(res).viewer = await viewerFromAuthorization(verifier, req.headers.authorization);
      next();
    } catch (error) {
      if (!(error instanceof AppError)) return next(error);
      res
        .status(401)
        .setHeader('www-authenticate', 'Bearer')
        .json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
    }
  };
}
