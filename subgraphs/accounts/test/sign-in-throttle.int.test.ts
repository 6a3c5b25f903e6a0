import { randomBytes } from 'node:crypto';
import { createRedisConnection, type RedisClient } from '@travel/redis';
import {
  deleteRedisKeys,
  freePort,
  redisKeys,
  redisReady,
  testRedisTargets,
} from '@travel/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createSignInThrottle, type SignInLimits } from '../src/domain/sign-in-throttle.ts';

const limits: SignInLimits = {
  loginMaxFailures: 3,
  loginFailureWindowSeconds: 60,
  loginMaxBlockSeconds: 600,
  loginMaxFailuresPerAddress: 100,
  signUpMaxPerAddress: 100,
  signUpMaxTakenPerAddress: 10,
  signUpWindowSeconds: 60,
};
const connections: RedisClient[] = [];
const connection = (url: string) => {
  const redis = createRedisConnection(url, { role: 'test' });
  connections.push(redis);
  return redis;
};
afterAll(async () => {
  for (const redis of connections) redis.disconnect();
});

const refused = (check: Promise<void>) =>
  check.then(
    () => false,
    (error) => error?.extensions?.code === 'RATE_LIMITED',
  );

describe.each(testRedisTargets())('sign-in throttle in Redis (%s)', (_name, url) => {
  it('is shared by every accounts instance', async () => {
    const keyPrefix = `test:${randomBytes(6).toString('hex')}:`;
    const redis = [connection(url), connection(url)] as const;
    // Until a connection is ready, calls go to the in-process insurance limiter.
    await Promise.all(redis.map(redisReady));
    const [one, two] = redis.map((r) =>
      createSignInThrottle({ redis: r, keyPrefix, timeoutMs: 500 }, limits),
    ) as [ReturnType<typeof createSignInThrottle>, ReturnType<typeof createSignInThrottle>];
    await one.loginFailed('a@x.test', '1.1.1.1');
    await two.loginFailed('a@x.test', '1.1.1.1');
    expect(await refused(one.checkLogIn('a@x.test', '1.1.1.1'))).toBe(false);
    await one.loginFailed('a@x.test', '1.1.1.1');
    expect(await refused(two.checkLogIn('a@x.test', '1.1.1.1'))).toBe(true);
    expect(await refused(one.checkLogIn('a@x.test', '1.1.1.1'))).toBe(true);
    const keys = await redisKeys(redis[0], `${keyPrefix}*`);
    expect(keys).toContain(`${keyPrefix}throttle:login-address:1.1.1.1`);
    await deleteRedisKeys(redis[0], `${keyPrefix}*`);
  });
});

describe.each([
  ['single node', 'redis'],
  ['cluster', 'redis+cluster'],
])('sign-in throttle without Redis (%s)', (_name, scheme) => {
  it('keeps throttling in process, without waiting, when Redis is unreachable', async () => {
    const redis = connection(`${scheme}://127.0.0.1:${await freePort()}`);
    const throttle = createSignInThrottle({ redis, keyPrefix: 'test:', timeoutMs: 50 }, limits);
    const started = Date.now();
    for (let i = 0; i < 3; i++) await throttle.loginFailed('a@x.test', '1.1.1.1');
    expect(await refused(throttle.checkLogIn('a@x.test', '1.1.1.1'))).toBe(true);
    expect(await refused(throttle.checkLogIn('b@x.test', '1.1.1.1'))).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
