export { bearerToken } from './bearer-token.ts';
export { createTokenIssuer, type TokenIssuer, type TokenIssuerOptions } from './token-issuer.ts';
export {
  createTokenVerifier,
  type TokenVerifier,
  type TokenVerifierOptions,
} from './token-verifier.ts';
export type { VerifiedToken } from './verified-token-cache.ts';
export { ROLES, type Role, type Viewer } from './viewer.ts';
export { verifyAuthorization, viewerFromAuthorization } from './viewer-from-authorization.ts';
