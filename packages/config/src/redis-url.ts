import { z } from 'zod';

/** Where a service's Redis is: one server (any `redis://` or `rediss://` URL) or a Cluster. */
export type RedisTarget =
  | { kind: 'node'; url: string }
  | {
      kind: 'cluster';
      /** Seed nodes: any reachable one tells the client the rest (CLUSTER SLOTS). */
      nodes: { host: string; port: number }[];
      username?: string;
      password?: string;
      /** `rediss+cluster://`: TLS to every node. */
      tls: boolean;
    };

const CLUSTER = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^@/?#]+)\/?$/;

/**
 * Reads REDIS_URL. `redis://…` and `rediss://…` are one server, as ioredis takes them. A
 * Cluster is `redis+cluster://[user:password@]host1:port,host2:port…` (`rediss+cluster://`
 * for TLS; port default 6379): the seed nodes, of which one reachable is enough. A Cluster
 * has only database 0, so there is no path; nor query options. Throws on anything else.
 */
export function parseRedisUrl(value: string): RedisTarget {
  const cluster = CLUSTER.exec(value);
  if (!cluster) {
    const url = new URL(value);
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
      throw new Error('expected redis://, rediss://, redis+cluster:// or rediss+cluster://');
    }
    return { kind: 'node', url: value };
  }
  const [, scheme, userinfo, hosts = ''] = cluster;
  const nodes = hosts.split(',').map((entry) => {
    // Each entry parsed as a URL of its own: IPv6 in brackets, ports checked.
    const url = new URL(`redis://${entry.trim()}`);
    if (url.hostname === '' || url.pathname !== '') throw new Error(`bad cluster node "${entry}"`);
    return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 6379) };
  });
  const [username = '', password] = (userinfo ?? '').split(/:(.*)/s);
  return {
    kind: 'cluster',
    nodes,
    ...(username ? { username: decodeURIComponent(username) } : {}),
    ...(password !== undefined ? { password: decodeURIComponent(password) } : {}),
    tls: scheme === 'rediss',
  };
}

/**
 * REDIS_URL in a config schema: optional, and checked with `parseRedisUrl` (a single-node URL
 * or the `redis+cluster://` seed list).
 */
export const redisUrl = () =>
  z
    .string()
    .refine(
      (value) => {
        try {
          parseRedisUrl(value);
          return true;
        } catch {
          return false;
        }
      },
      {
        message:
          'expected redis://[user:password@]host:port[/db] or redis+cluster://[user:password@]host1:port,host2:port',
      },
    )
    .optional();
