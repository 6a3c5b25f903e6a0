import { describe, expect, it } from 'vitest';
import { parseSubscriptionBenchArgs } from './subscription-options.ts';

describe('parseSubscriptionBenchArgs', () => {
  it('defaults to the target scale: 1,000 users, 200 changes at 20/s', () => {
    expect(parseSubscriptionBenchArgs([])).toEqual({
      users: 1000,
      changes: 200,
      rate: 20,
      clientProcesses: 2,
      profile: false,
    });
  });
  it('quick mode shrinks the run; explicit flags still win', () => {
    expect(parseSubscriptionBenchArgs(['--quick', '--changes', '60'])).toMatchObject({
      users: 100,
      changes: 60,
    });
  });
  it('refuses what can not run', () => {
    expect(() => parseSubscriptionBenchArgs(['--users', '5'])).toThrow(/at least 10/);
    expect(() => parseSubscriptionBenchArgs(['--rate', '0'])).toThrow(/positive integer/);
  });
});
