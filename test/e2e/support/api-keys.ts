import { expect } from 'vitest';
import { post } from './graphql.ts';
import type { SignedInUser } from './users.ts';

const CREATE_API_KEY =
  'mutation ($name: String!) { createApiKey(name: $name) { secret apiKey { id } } }';
const REVOKE_API_KEY = 'mutation ($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';

export interface CreatedApiKey {
  /** What the partner sends as `x-api-key` (shown once). */
  secret: string;
  id: string;
}

/** A new API key of `partner`'s, created through the router at `url`. */
export async function createApiKey(
  url: string,
  partner: Pick<SignedInUser, 'auth'>,
  name = 'e2e key',
): Promise<CreatedApiKey> {
  const res = await post(url, CREATE_API_KEY, { name }, partner.auth);
  expect(res.body.errors).toBeUndefined();
  const created = res.body.data?.createApiKey as { secret: string; apiKey: { id: string } };
  return { secret: created.secret, id: created.apiKey.id };
}

/** Revokes one of `partner`'s keys through the router at `url`. */
export async function revokeApiKey(
  url: string,
  partner: Pick<SignedInUser, 'auth'>,
  id: string,
): Promise<void> {
  const res = await post(url, REVOKE_API_KEY, { id }, partner.auth);
  expect(res.body.errors).toBeUndefined();
}

/** Router settings under which a revoked key stops within about a second (API key cache). */
export const SHORT_API_KEY_CACHE = {
  API_KEY_CACHE_TTL_SECONDS: '1',
  API_KEY_NEGATIVE_CACHE_TTL_SECONDS: '1',
} as const;
