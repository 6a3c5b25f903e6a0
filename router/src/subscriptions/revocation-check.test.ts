import { createLogger } from '@travel/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../request-pipeline/authenticate-credentials.ts';
import { startRevocationCheck } from './revocation-check.ts';

const log = createLogger({ service: 'test', level: 'silent' });
const session = (stillValid?: Session['stillValid']): Session => ({
  viewer: null,
  identity: 'user:u1',
  credentialKey: 'k',
  expiresAt: undefined,
  authorization: async () => undefined,
  ...(stillValid ? { stillValid } : {}),
});

afterEach(() => {
  vi.useRealTimers();
});

describe('startRevocationCheck', () => {
  it('asks every everyMs and refuses once the credentials no longer stand', async () => {
    vi.useFakeTimers();
    const answers = [true, new Error('accounts down'), false];
    const stillValid = vi.fn(async () => {
      const answer = answers.shift();
      if (answer instanceof Error) throw answer;
      return answer ?? false;
    });
    const refuse = vi.fn();
    const timer = startRevocationCheck({
      session: session(stillValid),
      everyMs: 1000,
      refuse,
      log,
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(stillValid).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1001); // valid, then could not tell: kept
    expect(refuse).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(refuse).toHaveBeenCalledWith('API key revoked');
    await vi.advanceTimersByTimeAsync(5000);
    expect(stillValid).toHaveBeenCalledTimes(3);
    clearInterval(timer);
  });

  it('starts nothing for credentials with nothing to ask', () => {
    expect(
      startRevocationCheck({ session: session(), everyMs: 1000, refuse: vi.fn(), log }),
    ).toBeUndefined();
  });
});
