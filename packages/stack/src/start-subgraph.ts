import type { TracingEnv } from '@travel/config';
import type { Logger } from '@travel/logger';
import { listen, type SubgraphServer } from '@travel/subgraph-kit';
import { createTracing, type Tracer } from '@travel/tracing';

interface SubgraphConfig extends TracingEnv {
  PORT: number;
  HOST: string;
  DATABASE_URL: string;
}

interface Disconnectable {
  $disconnect(): Promise<void>;
}

interface BaseDeps<C, D> {
  config: C;
  db: D;
  log: Logger;
  tracer?: Tracer;
}

/** The factory surface every subgraph package exports. */
export interface SubgraphPackage<
  C extends SubgraphConfig,
  D extends Disconnectable,
  Deps extends BaseDeps<C, D>,
> {
  loadConfig(env: NodeJS.ProcessEnv): C;
  createDb(url: string, options?: { onQuery?: (sql: string) => void; tracer?: Tracer }): D;
  createServer(deps: Deps): SubgraphServer;
}

export interface StartSubgraphOptions<Extra> {
  /** `service.name` of its spans (when its OTEL_* variables turn tracing on). */
  name: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  onQuery?: ((sql: string) => void) | undefined;
  /** What this subgraph's createServer needs beyond config, db and log. */
  extra: Extra;
}

export interface StartedSubgraph<D> {
  url: string;
  db: D;
  /** Its `/readyz` answers 503 from now on (see shutdownGracefully). */
  announceShutdown(): void;
  stop(): Promise<void>;
}

/**
 * Loads the subgraph's config from `env`, starts its tracing (off unless its OTEL_* variables
 * say otherwise: a provider of its own, as when it runs alone), opens its database, starts and
 * listens.
 */
export async function startSubgraph<
  C extends SubgraphConfig,
  D extends Disconnectable,
  Deps extends BaseDeps<C, D>,
>(
  pkg: SubgraphPackage<C, D, Deps>,
  { name, env, log, onQuery, extra }: StartSubgraphOptions<Omit<Deps, keyof BaseDeps<C, D>>>,
): Promise<StartedSubgraph<D>> {
  const config = pkg.loadConfig(env);
  const tracing = createTracing(config, { service: name, log });
  const tracer = tracing?.tracer;
  const db = pkg.createDb(config.DATABASE_URL, { ...(onQuery ? { onQuery } : {}), tracer });
  const server = pkg.createServer({ ...extra, config, db, log, tracer } as Deps);
  try {
    await server.start();
    const { url } = await listen(server.httpServer, config.PORT, config.HOST);
    // Idempotent: a test may stop one subgraph, then the whole stack.
    let stopped: Promise<void> | undefined;
    const stop = async () => {
      await server.stop();
      await db.$disconnect();
      await tracing?.shutdown();
    };
    return {
      url,
      db,
      announceShutdown: server.announceShutdown,
      stop: () => (stopped ??= stop()),
    };
  } catch (error) {
    await db.$disconnect();
    await tracing?.shutdown();
    throw error;
  }
}
