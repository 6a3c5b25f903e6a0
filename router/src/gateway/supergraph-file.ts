import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@travel/logger';
import { watchDirectory } from '../watch-directory.ts';

export interface SupergraphFileOptions {
  /** The composed supergraph (`schema/supergraph.graphql`). */
  path: string;
  log: Logger;
  /** Quiet time after the last change before reloading; default 100 ms (writers touch twice). */
  debounceMs?: number;
}

/**
 * The gateway's `supergraphSdl` hook for a file: serves it, and hands every changed version to
 * the gateway without a restart. A version the gateway rejects (a half-written or broken file)
 * is logged and the previous supergraph stays in service. The directory is watched, not the
 * file, so tools that replace the file by renaming a new one over it are seen too.
 */
export function supergraphFromFile({
  path,
  log,
  debounceMs = 100,
}: SupergraphFileOptions): SupergraphSdlHook {
  return async ({ update }) => {
    let lastSeen = await readFile(path, 'utf8');

    const reload = async () => {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        log.warn({ err, path }, 'supergraph file unreadable; keeping the current supergraph');
        return;
      }
      // Closed while reading (the gateway is stopping): hand it nothing more.
      if (watcher.closed || text === lastSeen) return;
      lastSeen = text;
      try {
        update(text);
        log.info({ path }, 'supergraph reloaded');
      } catch (err) {
        log.error({ err, path }, 'new supergraph rejected; keeping the current one');
      }
    };

    const watcher = watchDirectory({
      dir: dirname(path),
      matches: (filename) => filename === basename(path),
      onChange: reload,
      debounceMs,
      log,
    });
    return { supergraphSdl: lastSeen, cleanup: () => watcher.close() };
  };
}
