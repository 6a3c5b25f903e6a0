import { afterEach, describe, expect, it, vi } from 'vitest';
import { shutdownGracefully } from './shutdown.ts';

const log = { info: () => {} };

afterEach(() => {
  vi.useRealTimers();
});

describe('shutdownGracefully', () => {
  it('announces at once, and stops only when the grace period is over', async () => {
    vi.useFakeTimers();
    const steps: string[] = [];
    const service = {
      announceShutdown: () => void steps.push('announce'),
      stop: async () => void steps.push('stop'),
    };
    const done = shutdownGracefully(service, { graceMs: 5000, log });
    expect(steps).toEqual(['announce']);
    await vi.advanceTimersByTimeAsync(4999);
    expect(steps).toEqual(['announce']);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(steps).toEqual(['announce', 'stop']);
  });

  it('stops right after announcing with a grace period of 0', async () => {
    const steps: string[] = [];
    await shutdownGracefully(
      {
        announceShutdown: () => void steps.push('announce'),
        stop: async () => void steps.push('stop'),
      },
      { graceMs: 0, log },
    );
    expect(steps).toEqual(['announce', 'stop']);
  });

  it('rejects when the stop fails, for the caller to exit non-zero', async () => {
    const service = {
      announceShutdown: () => {},
      stop: async () => {
        throw new Error('drain failed');
      },
    };
    await expect(shutdownGracefully(service, { graceMs: 0, log })).rejects.toThrow('drain failed');
  });
});
