import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addressList } from './address-list.ts';
import { commonEnv, port } from './common-env.ts';
import { configFromValues } from './config-from-values.ts';
import { parseEnv } from './parse-env.ts';

const Env = z.object({
  ...commonEnv,
  PORT: port(4002),
  DATABASE_URL: z.url(),
  TRUSTED_PROXIES: addressList(['loopback']),
});
const secret = 'x'.repeat(32);

describe('configFromValues', () => {
  it('gives what parseEnv gives for the same settings: one schema, one set of defaults', () => {
    const fromEnv = parseEnv(
      Env,
      { DATABASE_URL: 'postgres://db/hotels', JWT_SECRET: secret, PORT: '0' },
      'hotels',
    );
    const typed = configFromValues(
      Env,
      { DATABASE_URL: 'postgres://db/hotels', JWT_SECRET: secret, PORT: 0 },
      'hotels',
    );
    expect(typed).toEqual(fromEnv);
    expect(Object.isFrozen(typed)).toBe(true);
  });

  it('keeps typed values that are not strings (lists) as given', () => {
    const config = configFromValues(
      Env,
      { DATABASE_URL: 'postgres://db/x', JWT_SECRET: secret, TRUSTED_PROXIES: ['10.0.0.0/8'] },
      'x',
    );
    expect(config.TRUSTED_PROXIES).toEqual(['10.0.0.0/8']);
  });

  it('refuses bad and missing values, listing every one', () => {
    const attempt = () =>
      // @ts-expect-error DATABASE_URL is required: the check must also hold for untyped callers.
      configFromValues(Env, { JWT_SECRET: 'short', PORT: 70_000 }, 'hotels');
    expect(attempt).toThrow(/Invalid hotels config/);
    expect(attempt).toThrow(/JWT_SECRET/);
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/DATABASE_URL/);
  });
});
