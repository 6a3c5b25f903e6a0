import { describe, expect, it } from 'vitest';
import { parseRedisUrl, redisUrl } from './redis-url.ts';

describe('parseRedisUrl', () => {
  it('passes a single-node URL through as it is', () => {
    for (const url of ['redis://127.0.0.1:6379', 'rediss://u:p@redis.example:6380/2']) {
      expect(parseRedisUrl(url)).toEqual({ kind: 'node', url });
    }
  });

  it('reads a cluster seed list, with credentials, TLS and default ports', () => {
    expect(parseRedisUrl('redis+cluster://10.0.0.1:7000,redis-1,[::1]:7002')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-1', port: 6379 },
        { host: '::1', port: 7002 },
      ],
      tls: false,
    });
    expect(parseRedisUrl('rediss+cluster://app:s%40cret:x@h1:7000/')).toEqual({
      kind: 'cluster',
      nodes: [{ host: 'h1', port: 7000 }],
      username: 'app',
      password: 's@cret:x',
      tls: true,
    });
    expect(parseRedisUrl('redis+cluster://:only-password@h1')).toMatchObject({
      password: 'only-password',
    });
  });

  it('refuses what is neither', () => {
    for (const bad of [
      'http://127.0.0.1:6379',
      'redis+cluster://',
      'redis+cluster://h1,,h2',
      'redis+cluster://h1:99999',
      'redis+cluster://h1:7000/3',
      'redis+cluster://h1:7000?tls=true',
      'redis+sentinel://h1',
      'not a url',
    ]) {
      expect(() => parseRedisUrl(bad), bad).toThrow();
      expect(redisUrl().safeParse(bad).success, bad).toBe(false);
    }
    expect(redisUrl().parse(undefined)).toBeUndefined();
  });
});
