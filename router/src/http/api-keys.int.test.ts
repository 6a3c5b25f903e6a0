import { createServer } from 'node:http';
import { listen } from '@travel/service-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../key-value-store.ts';
import { ApiKeyLookupError, createApiKeyResolver } from './api-keys.ts';

const IDENTITY = { apiKeyId: 'k1', userId: 'u1', role: 'PARTNER' };

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

/**
 * The resolver against a real accounts stand-in that answers `answer()` (an Error: the
 * connection is dropped), with the store's clock in the test's hands.
 */
async function setUp(answer: () => unknown = () => ({ data: { apiKeyIdentity: IDENTITY } })) {
  let now = 0;
  const calls: unknown[] = [];
  const accounts = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    calls.push(JSON.parse(body).variables);
    const reply = answer();
    if (reply instanceof Error) return void req.socket.destroy();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(reply));
  });
  const { url } = await listen(accounts, 0);
  cleanups.push(() => {
    accounts.closeAllConnections();
    accounts.close();
  });
  const resolve = createApiKeyResolver({
    store: createMemoryStore({ now: () => now }),
    accountsUrl: () => url,
  });
  return { resolve, calls, advance: (ms: number) => (now += ms) };
}

describe('createApiKeyResolver', () => {
  it('asks accounts once per 30 s for a valid key', async () => {
    const { resolve, calls, advance } = await setUp();
    await expect(resolve('tsk_a')).resolves.toEqual(IDENTITY);
    advance(29_999);
    await expect(resolve('tsk_a')).resolves.toEqual(IDENTITY);
    expect(calls).toEqual([{ secret: 'tsk_a' }]);
    advance(1);
    await resolve('tsk_a');
    expect(calls).toHaveLength(2);
  });

  it('remembers an unknown or revoked key for 10 s', async () => {
    const { resolve, calls, advance } = await setUp(() => ({ data: { apiKeyIdentity: null } }));
    await expect(resolve('tsk_b')).resolves.toBeNull();
    advance(9_999);
    await expect(resolve('tsk_b')).resolves.toBeNull();
    expect(calls).toHaveLength(1);
    advance(1);
    await resolve('tsk_b');
    expect(calls).toHaveLength(2);
  });

  it('shares one accounts call among concurrent lookups of a secret', async () => {
    const { resolve, calls } = await setUp();
    await Promise.all([resolve('tsk_c'), resolve('tsk_c'), resolve('tsk_c')]);
    expect(calls).toHaveLength(1);
  });

  it('asks accounts again when asked for a fresh answer, and caches that answer', async () => {
    let identity: unknown = IDENTITY;
    const { resolve, calls } = await setUp(() => ({ data: { apiKeyIdentity: identity } }));
    await expect(resolve('tsk_e')).resolves.toEqual(IDENTITY);
    identity = null; // revoked
    await expect(resolve('tsk_e')).resolves.toEqual(IDENTITY);
    await expect(resolve('tsk_e', { fresh: true })).resolves.toBeNull();
    await expect(resolve('tsk_e')).resolves.toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('refuses empty and oversized secrets without asking', async () => {
    const { resolve, calls } = await setUp();
    await expect(resolve('')).resolves.toBeNull();
    await expect(resolve('x'.repeat(257))).resolves.toBeNull();
    expect(calls).toEqual([]);
  });

  it('fails (and caches nothing) when accounts can not answer', async () => {
    let down = true;
    const { resolve, calls } = await setUp(() =>
      down ? new Error('ECONNREFUSED') : { data: { apiKeyIdentity: IDENTITY } },
    );
    await expect(resolve('tsk_d')).rejects.toBeInstanceOf(ApiKeyLookupError);
    down = false;
    await expect(resolve('tsk_d')).resolves.toEqual(IDENTITY);
    expect(calls).toHaveLength(2);
  });

  it('fails while the supergraph has not named accounts yet', async () => {
    const resolve = createApiKeyResolver({
      store: createMemoryStore(),
      accountsUrl: () => undefined,
    });
    await expect(resolve('tsk_f')).rejects.toBeInstanceOf(ApiKeyLookupError);
  });

  it('fails on an answer without an identity (a role it does not know)', async () => {
    const { resolve } = await setUp(() => ({
      data: { apiKeyIdentity: { ...IDENTITY, role: 'ROOT' } },
    }));
    await expect(resolve('tsk_e')).rejects.toBeInstanceOf(ApiKeyLookupError);
  });
});
