import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@travel/logger';
import { watchDirectory } from '../watch-directory.ts';
import { type ListedOperation, ManifestError, parseManifest } from './manifest.ts';

/** The operations of every manifest in service, by id. */
export interface PersistedQueryList {
  get(id: string): ListedOperation | undefined;
  readonly size: number;
  /** Stops watching the directory. */
  stop(): Promise<void>;
}

export interface PersistedQueryListOptions {
  /** Directory of manifests (`*.json`, Apollo's format); `PERSISTED_QUERIES_DIR`. */
  dir: string;
  log: Logger;
  /** Quiet time after the last change before reloading; default 100 ms (writers touch twice). */
  debounceMs?: number;
}

/** Reads every manifest of `dir`; throws a ManifestError naming the file and entry at fault. */
export async function readManifests(dir: string): Promise<Map<string, ListedOperation>> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    throw new ManifestError(`${dir}: can not read the directory (${(error as Error).message})`);
  }
  const byId = new Map<string, ListedOperation>();
  for (const file of files) {
    const text = await readFile(join(dir, file), 'utf8');
    // Two manifests may list the same operation: its id is the hash of its body, so they agree.
    for (const operation of parseManifest(text, join(dir, file))) byId.set(operation.id, operation);
  }
  return byId;
}

/**
 * Loads the manifests (rejecting when one is malformed, so the router does not start) and
 * reloads them when a file of the directory changes. A malformed file on reload is logged
 * and the last good list stays in service, as for the supergraph file.
 */
export async function loadPersistedQueryList({
  dir,
  log,
  debounceMs = 100,
}: PersistedQueryListOptions): Promise<PersistedQueryList> {
  let current = await readManifests(dir);
  log.info({ dir, operations: current.size }, 'persisted query lists loaded');

  const reload = async () => {
    try {
      current = await readManifests(dir);
      log.info({ dir, operations: current.size }, 'persisted query lists reloaded');
    } catch (err) {
      log.error({ err, dir }, 'persisted query manifests rejected; keeping the last good list');
    }
  };

  const watcher = watchDirectory({
    dir,
    matches: (filename) => filename.endsWith('.json'),
    onChange: reload,
    debounceMs,
    log,
  });

  return {
    get: (id) => current.get(id),
    get size() {
      return current.size;
    },
    stop: () => watcher.close(),
  };
}
