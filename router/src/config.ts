import { fileURLToPath } from 'node:url';
import { addressList, commonEnv, parseEnv, port, redisUrl, tracingEnv } from '@travel/config';
import { z } from 'zod';
import { PERSISTED_QUERIES_MODES } from './persisted-queries/resolve-document.ts';

/** The supergraph the repository commits, found from this package wherever it is started. */
const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(
  new URL('../../schema/supergraph.graphql', import.meta.url),
);

/** The committed persisted query manifests (`schema/persisted-queries/`). */
const DEFAULT_PERSISTED_QUERIES_DIR = fileURLToPath(
  new URL('../../schema/persisted-queries', import.meta.url),
);

const SUBGRAPH_URL_PREFIX = 'SUBGRAPH_URL_';

/** `scheme://host[:port]`, nothing more: what a browser sends as `Origin`. */
function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const Env = z.object({
  ...commonEnv,
  /**
   * OpenTelemetry tracing, OFF by default: OTEL_TRACES_EXPORTER=otlp turns it on; spans go to
   * OTEL_EXPORTER_OTLP_ENDPOINT (default http://localhost:4318) as `service.name` router unless
   * OTEL_SERVICE_NAME says otherwise. A client's W3C `traceparent` is followed (the default
   * sampler, parentbased_always_on) and passed on to the subgraphs; every answer carries
   * `traceresponse`. Every variable and its default: @travel/config's tracing-env.ts.
   */
  ...tracingEnv,
  PORT: port(4000),
  /** Every interface by default: the router is the one service clients reach. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /**
   * Origins (`https://app.example.com`, comma-separated) whose browser apps may call
   * `/graphql` (CORS). Unset: none in production; in development Apollo's Sandbox/Explorer
   * origins and any localhost port.
   */
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((list) =>
      list
        ?.split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z
            .string()
            .refine(isOrigin, 'CORS_ORIGINS: each must be an origin like https://host:port'),
        )
        .optional(),
    ),
  /**
   * `Strict-Transport-Security` max-age on every answer, in seconds; default 0 (off). Set it
   * only when clients reach the router over HTTPS.
   */
  HSTS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(0),
  /** Composed supergraph to serve; reloaded when the file changes. */
  SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH),
  /** Largest request body (Express `bytes` syntax); larger ones get HTTP 413. Default `1mb`. */
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'BODY_LIMIT must look like 100kb or 1mb')
    .default('1mb'),
  /** Deepest selection accepted (fragments flattened). Default 15. */
  MAX_DEPTH: positiveInt(15),
  /** Aliases per operation; stops one request asking the same field thousands of times. Default 30. */
  MAX_ALIASES: positiveInt(30),
  /** Directives per operation. Default 50. */
  MAX_DIRECTIVES: positiveInt(50),
  /** Lexical tokens per document; refused while parsing, before any other work. Default 5000. */
  MAX_TOKENS: positiveInt(5000),
  /**
   * Largest estimated cost of an operation (demand control, Apollo Router's model), computed
   * with the request's variables before any subgraph is called: each object costs 1, scalars
   * 0 (unless a subgraph declares `@cost`), lists multiply by their size (`@listSize`: the
   * `first` sent, else the schema default, else the declared assumed size), mutations add 10.
   * Over it: HTTP 400 COST_ESTIMATED_TOO_EXPENSIVE. Default 10000.
   */
  MAX_COST: positiveInt(10_000),
  /** Size the cost estimate assumes for a list no subgraph declares `@listSize` for. Default 100. */
  DEFAULT_LIST_SIZE: positiveInt(100),
  /** A subgraph call that takes longer fails (its fields answer with an error). Default 10 s. */
  SUBGRAPH_TIMEOUT_MS: positiveInt(10_000),
  /**
   * Connections the router keeps open to each subgraph; a call past them waits for a free
   * one (within SUBGRAPH_TIMEOUT_MS). A subgraph serves one call at a time on its event loop
   * and waits on its database pool: more connections add handshakes and idle sockets, not
   * throughput. Default 32.
   */
  SUBGRAPH_MAX_CONNECTIONS: positiveInt(32),
  /**
   * Identical subgraph query fetches in flight at the same time are sent once, and every
   * operation waiting for one reads its own copy of the answer (errors included). Identical
   * means the same subgraph, the same body (operation text and variables) and the same
   * forwarded `Authorization`. Mutations, every fetch of a mutation's plan and subscription
   * re-reads are always sent; a write answered through this router is never followed by a
   * query sharing a fetch sent before it. Counted in `subgraph_fetch_deduplicated_total`.
   * Default true.
   */
  SUBGRAPH_DEDUP: z.stringbool().default(true),
  /**
   * Who runs the query plans @apollo/gateway makes: `router`, the router's executor (the same
   * answers, with per-document work done once and identical entity representations sent once;
   * see README "Performance"), or `apollo`, @apollo/gateway's own. With tracing on, @apollo/
   * gateway's own always runs (its spans). Default `router`.
   */
  PLAN_EXECUTOR: z.enum(['router', 'apollo']).default('router'),
  /**
   * Redis for the APQ store, the response cache, rate limits and entity changes, shared by
   * every router instance. Unset: all of these are in-process (one instance only).
   * `redis://[user:password@]host:port[/db]` (`rediss://` for TLS) is one server;
   * `redis+cluster://[user:password@]host1:port,host2:port…` (`rediss+cluster://`) a Redis
   * Cluster, given by seed nodes (one reachable is enough).
   */
  REDIS_URL: redisUrl(),
  /**
   * Deadline of every Redis call on a request's path (APQ, API keys, response cache, rate
   * limits), in ms; default 50. A slower Redis is bypassed: APQ answers
   * PERSISTED_QUERY_NOT_FOUND (the client resends the text), an API key is asked of accounts,
   * the cache is skipped, a rate limit lets the operation through; each counted in
   * `redis_fallbacks_total`. The longest of it and the response cache's deadlines is
   * also ioredis's `commandTimeout`, the backstop behind them.
   */
  REDIS_TIMEOUT_MS: positiveInt(50),
  /**
   * Prefix of every Redis key the router writes; default `router:`. Tests isolate with it. No
   * braces: on a Cluster the first `{…}` of a key is its hash tag, and the response cache
   * places its own.
   */
  REDIS_KEY_PREFIX: z
    .string()
    .min(1)
    .regex(/^[^{}]*$/, 'REDIS_KEY_PREFIX may not contain { or }')
    .default('router:'),
  /** Lifetime of an APQ entry (`<prefix>apq:<hash>`) in seconds; default 86400 (24 h). */
  APQ_TTL_SECONDS: positiveInt(86_400),
  /** Persisted query manifests (Apollo's format, `*.json`); reloaded when a file changes. */
  PERSISTED_QUERIES_DIR: z.string().min(1).default(DEFAULT_PERSISTED_QUERIES_DIR),
  /**
   * What first-party clients may run: `off`, `log_unknown` (default: anything, unlisted
   * operations logged and counted), `safelist` (listed operations, by id or body) or
   * `require_id` (listed operations by id). Partners are always held to listed ids;
   * NODE_ENV=development allows first-party clients everything.
   */
  PERSISTED_QUERIES_MODE: z.enum(PERSISTED_QUERIES_MODES).default('log_unknown'),
  /**
   * How long a resolved `x-api-key` is reused (seconds, default 30), and an unknown or revoked
   * one stays refused (default 10). A revoked key stops within API_KEY_CACHE_TTL_SECONDS.
   */
  API_KEY_CACHE_TTL_SECONDS: positiveInt(30),
  API_KEY_NEGATIVE_CACHE_TTL_SECONDS: positiveInt(10),
  /**
   * Whole-response cache of queries (DESIGN decision 6): in Redis with REDIS_URL, else in
   * process. Default true; `false` still sends correct Cache-Control headers.
   */
  RESPONSE_CACHE: z.stringbool().default(true),
  /**
   * Answer response cache hits before Apollo Server's pipeline, for query texts it has run
   * before (README, Response cache). Default true; `false`: every hit goes through the pipeline.
   */
  RESPONSE_CACHE_FAST_PATH: z.stringbool().default(true),
  /**
   * A cache read or write slower than this is abandoned and the cache bypassed. Default:
   * REDIS_TIMEOUT_MS (kept so existing configurations still work).
   */
  RESPONSE_CACHE_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  /**
   * How long a write's answer waits for the response cache invalidations it carries, in ms;
   * default 1000. Past it the answer goes, this instance bypasses the cache until the
   * invalidation lands, and another instance may serve the stale entries until the write's
   * entity-change event reaches it. Longer than a read's deadline on purpose: a slow read only
   * skips the cache.
   */
  RESPONSE_CACHE_INVALIDATION_TIMEOUT_MS: positiveInt(1000),
  /** Responses larger than this (bytes of JSON) are not cached. Default 262144 (256 KiB). */
  RESPONSE_CACHE_MAX_ENTRY_BYTES: positiveInt(256 * 1024),
  /**
   * With REDIS_URL on one Redis node: the bytes of Redis entries each instance holds in
   * process, kept in step by Redis's key tracking, so a hit costs no Redis read of its own.
   * Default 67108864 (64 MiB); 0 turns it off. A Redis Cluster has none.
   */
  RESPONSE_CACHE_NEAR_MAX_BYTES: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(64 * 1024 * 1024),
  /**
   * Open subscription connections (a graphql-ws socket, or one multipart or SSE stream) one
   * user, or one address when anonymous, may hold on one instance; the next socket is closed
   * with 4429, the next HTTP stream answers 429 RATE_LIMITED. Default 10.
   */
  SUBSCRIPTIONS_MAX_CONNECTIONS_PER_IDENTITY: positiveInt(10),
  /**
   * Active subscriptions one identity may hold on one instance, over all its connections and
   * transports; the next answers RATE_LIMITED. Default 50.
   */
  SUBSCRIPTIONS_MAX_PER_IDENTITY: positiveInt(50),
  /** Ping interval of subscription sockets; one that does not pong as long is dropped. 12000 ms. */
  SUBSCRIPTIONS_KEEPALIVE_MS: positiveInt(12_000),
  /**
   * Heartbeat of subscriptions over HTTP (multipart `{}` parts, SSE `:` comments), so proxies
   * and clients keep an idle stream open. Default 5000 ms (Apollo Router's interval).
   */
  SUBSCRIPTIONS_HTTP_HEARTBEAT_MS: positiveInt(5000),
  /**
   * Metrics label operations by name and client. Operations in a persisted query list keep
   * their listed name; other operations' names come from clients, so only this many distinct
   * (operation name, client name) pairs of them are reported by name per instance, the rest as
   * `other`. Client names are bounded on their own (200 name/version pairs). Default 100.
   */
  METRICS_MAX_UNLISTED_OPERATIONS: positiveInt(100),
  /**
   * Proxies whose `X-Forwarded-For` is believed: comma-separated addresses or CIDRs (or
   * proxy-addr's names `loopback`, `linklocal`, `uniquelocal`). Default none: the client's
   * address is the socket's, and a forged header changes nothing. Set it to the load
   * balancers' addresses behind one.
   */
  TRUSTED_PROXIES: addressList([]),
  /**
   * Rate limits (DESIGN decision 12): points per window, spent by each operation's estimated
   * cost (at least 1), in Redis with REDIS_URL, else per instance. Window: default 60 s.
   */
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(60),
  /**
   * Per client address, for callers without credentials. Default 20000: about a hundred
   * ordinary page queries a minute, or two of the most expensive operations MAX_COST allows.
   */
  RATE_LIMIT_ANONYMOUS_POINTS: positiveInt(20_000),
  /** Per signed-in user, over all their devices and addresses. Default 50000. */
  RATE_LIMIT_USER_POINTS: positiveInt(50_000),
  /** Per partner API key (the partners' plan; one for every key for now). Default 200000. */
  RATE_LIMIT_PARTNER_POINTS: positiveInt(200_000),
  /**
   * With REDIS_URL: how old Redis's count of an identity may be for an instance to decide that
   * identity's spends alone, at once, while it has more than half its quota left; what it
   * spends reaches Redis within half this time. Only an identity busy on an instance (a burst,
   * a partner's integration) gains; the second half of every quota waits for Redis. 0: every
   * spend waits for Redis. Default 20 ms.
   */
  RATE_LIMIT_SYNC_MS: z.coerce.number().int().nonnegative().default(20),
});

export type Config = Readonly<
  Omit<z.infer<typeof Env>, 'RESPONSE_CACHE_TIMEOUT_MS'> & { RESPONSE_CACHE_TIMEOUT_MS: number }
> & {
  /**
   * `SUBGRAPH_URL_<NAME>` variables: per subgraph (upper-case name, `-` as `_`), the URL that
   * replaces the one composed into the supergraph (compose and the stack run subgraphs elsewhere).
   */
  SUBGRAPH_URLS: Readonly<Record<string, string>>;
};

/** Reads the router's variables; throws once, listing every bad one. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const overrideKeys = Object.keys(env).filter(
    (key) => key.startsWith(SUBGRAPH_URL_PREFIX) && key.length > SUBGRAPH_URL_PREFIX.length,
  );
  const schema = Env.extend(Object.fromEntries(overrideKeys.map((key) => [key, z.url()])));
  const parsed = parseEnv(schema, env, 'router') as z.infer<typeof Env> & Record<string, unknown>;
  const urls = Object.fromEntries(
    overrideKeys.map((key) => [key.slice(SUBGRAPH_URL_PREFIX.length), String(parsed[key])]),
  );
  return Object.freeze({
    ...parsed,
    RESPONSE_CACHE_TIMEOUT_MS: parsed.RESPONSE_CACHE_TIMEOUT_MS ?? parsed.REDIS_TIMEOUT_MS,
    SUBGRAPH_URLS: Object.freeze(urls),
  });
}
