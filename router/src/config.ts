import { fileURLToPath } from 'node:url';
import { commonEnv, parseEnv, port } from '@travel/config';
import { z } from 'zod';

/** The supergraph the repository commits, found from this package wherever it is started. */
const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(
  new URL('../../schema/supergraph.graphql', import.meta.url),
);

const SUBGRAPH_URL_PREFIX = 'SUBGRAPH_URL_';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const Env = z.object({
  ...commonEnv,
  PORT: port(4000),
  /** Every interface by default: the router is the one service clients reach. */
  HOST: z.string().min(1).default('0.0.0.0'),
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
   * Estimated cost: every field counts 1 (objects 2), multiplied by the `first`/`last` of the
   * list it is in, so it approximates how many values the answer may hold. Default 10000.
   */
  MAX_COST: positiveInt(10_000),
  /** A subgraph call that takes longer fails (its fields answer with an error). Default 10 s. */
  SUBGRAPH_TIMEOUT_MS: positiveInt(10_000),
  /**
   * Redis for the APQ store, the response cache, rate limits and booking events, shared by
   * every router instance. Unset: all of these are in-process (one instance only).
   */
  REDIS_URL: z.url().optional(),
  /** Prefix of every Redis key the router writes; default `router:`. Tests isolate with it. */
  REDIS_KEY_PREFIX: z.string().min(1).default('router:'),
});

export type Config = Readonly<z.infer<typeof Env>> & {
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
  return Object.freeze({ ...parsed, SUBGRAPH_URLS: Object.freeze(urls) });
}
