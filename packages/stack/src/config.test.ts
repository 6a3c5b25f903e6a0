import { describe, expect, it } from 'vitest';
import { loadStackConfig } from './config.ts';

describe('loadStackConfig', () => {
  it('stops at once on Ctrl-C by default (no grace period), still draining requests', () => {
    expect(loadStackConfig({})).toMatchObject({
      SHUTDOWN_GRACE_MS: 0,
      SHUTDOWN_DRAIN_TIMEOUT_MS: 10_000,
    });
    expect(loadStackConfig({ SHUTDOWN_GRACE_MS: '5000' }).SHUTDOWN_GRACE_MS).toBe(5000);
  });
});
