import type { Role, Viewer } from '@travel/auth';
import { errors } from '@travel/errors';
import { isUuid, parseInput } from '@travel/service-kit';
import type { Db } from '../db.ts';
import type { ApiKey } from '../generated/prisma/client.ts';
import { generateApiKeySecret, hashApiKeySecret, looksLikeApiKeySecret } from './api-key-secret.ts';
import { CreateApiKeySchema } from './validation.ts';

export interface CreatedApiKey {
  apiKey: ApiKey;
  /** The only time the secret exists outside its owner's hands; the database keeps a hash. */
  secret: string;
}

/** Creates a key for the viewer (the caller checks that the viewer is a PARTNER). */
export async function createApiKey(db: Db, viewer: Viewer, name: string): Promise<CreatedApiKey> {
  const input = parseInput(CreateApiKeySchema, { name });
  const secret = generateApiKeySecret();
  const apiKey = await db.apiKey.create({
    data: { userId: viewer.userId, name: input.name, secretHash: hashApiKeySecret(secret) },
  });
  return { apiKey, secret };
}

/**
 * Revokes one of the viewer's keys: NOT_FOUND for an unknown id, FORBIDDEN for someone else's
 * key. Idempotent: revoking again returns the key with its first `revokedAt`.
 */
export async function revokeApiKey(db: Db, viewer: Viewer, id: string): Promise<ApiKey> {
  const key = isUuid(id) ? await db.apiKey.findUnique({ where: { id } }) : null;
  if (!key) throw errors.notFound('API key', id);
  if (key.userId !== viewer.userId) throw errors.forbidden('Only the owner can revoke this key');
  if (key.revokedAt) return key;
  // `revokedAt: null` in the filter: when two revocations race, the first timestamp stays.
  await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return db.apiKey.findUniqueOrThrow({ where: { id } });
}

/** Who an `x-api-key` speaks for. */
export interface ApiKeyIdentity {
  apiKeyId: string;
  userId: string;
  role: Role;
}

/**
 * The identity behind an API key secret, or null for a malformed, unknown or revoked one.
 * The router resolves `x-api-key` with it (and caches the answer briefly).
 */
export async function findActiveApiKeyBySecret(
  db: Db,
  secret: string,
): Promise<ApiKeyIdentity | null> {
  if (!looksLikeApiKeySecret(secret)) return null;
  const key = await db.apiKey.findUnique({
    where: { secretHash: hashApiKeySecret(secret) },
    select: { id: true, userId: true, revokedAt: true, user: { select: { role: true } } },
  });
  if (!key || key.revokedAt) return null;
  return { apiKeyId: key.id, userId: key.userId, role: key.user.role };
}
