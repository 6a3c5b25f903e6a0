import { SignJWT } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, type Viewer } from './viewer.ts';

export interface TokenIssuerOptions {
  /** HS256 key; at least 32 characters (checked by config). */
  secret: string;
  /** Lifetime of a token; default 3600 s. */
  ttlSeconds?: number;
}

export interface TokenIssuer {
  issue(viewer: Viewer): Promise<string>;
}

export function createTokenIssuer({ secret, ttlSeconds = 3600 }: TokenIssuerOptions): TokenIssuer {
  const key = new TextEncoder().encode(secret);
  return {
    issue(viewer) {
      return new SignJWT({
        role: viewer.role,
        ...(viewer.apiKeyId ? { akid: viewer.apiKeyId } : {}),
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(viewer.userId)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
  };
}
