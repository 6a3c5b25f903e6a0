import { mkdirSync } from 'node:fs';
import { SUBGRAPH_NAMES, type SubgraphName } from '@travel/stack';
import { freePort, type ServiceProcess, startService } from './service-process.ts';

export interface SubgraphProcessesOptions {
  databaseUrls: Record<SubgraphName, string>;
  /** Settings every subgraph gets (NODE_ENV, LOG_LEVEL, JWT_SECRET …). */
  env: NodeJS.ProcessEnv;
  logDir: string;
  /** The checkout they run from; default this repository. */
  root?: string;
  /** Prefix of their names in logs and reports; default none. */
  label?: string;
  /**
   * Each subgraph under V8's sampling profiler (cpu-profile-preload.mjs), writing
   * `<pid>.cpuprofile` here when it stops; default none (not profiled).
   */
  cpuProfDir?: string;
}

/** NODE_OPTIONS's preload of the profiler: Node 20 refuses `--cpu-prof` there. */
function profilerImport(dir: string): string {
  const url = new URL('../subgraphs/cpu-profile-preload.mjs', import.meta.url);
  url.searchParams.set('dir', dir);
  return `--import ${url.href}`;
}

/**
 * The four subgraphs, each in a process of its own, in dependency order (bookings calls
 * hotels, trips calls bookings), each pointed at the ones it calls. Returned in
 * SUBGRAPH_NAMES's order, named after the subgraph (plus `label`).
 */
export async function startSubgraphProcesses(
  options: SubgraphProcessesOptions,
): Promise<ServiceProcess[]> {
  const { databaseUrls, env, logDir, root, label, cpuProfDir } = options;
  if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });
  const started: ServiceProcess[] = [];
  const urls = {} as Record<SubgraphName, string>;
  try {
    for (const name of SUBGRAPH_NAMES) {
      const port = await freePort();
      const service = await startService({
        name: label ? `${label} ${name}` : name,
        entry: `subgraphs/${name}/src/main.ts`,
        port,
        logDir,
        ...(root ? { root } : {}),
        env: {
          ...env,
          ...(cpuProfDir ? { NODE_OPTIONS: profilerImport(cpuProfDir) } : {}),
          PORT: String(port),
          [`DATABASE_URL_${name.toUpperCase()}`]: databaseUrls[name],
          ...(name === 'bookings' ? { HOTELS_URL: urls.hotels } : {}),
          ...(name === 'trips' ? { BOOKINGS_URL: urls.bookings } : {}),
        },
      });
      started.push(service);
      urls[name] = service.url;
    }
    return started;
  } catch (error) {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
    throw error;
  }
}
