import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadResult, LoadSpec } from './load-generator.ts';
import { REPO_ROOT } from './service-process.ts';

export interface LoadGenerator {
  run(spec: LoadSpec): Promise<LoadResult>;
  stop(): void;
}

/** One load generator process for the whole run, asked for one cell at a time. */
export function startLoadGenerator(): LoadGenerator {
  const child: ChildProcess = fork(fileURLToPath(new URL('./load-generator.ts', import.meta.url)), {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx/esm'],
  });
  return {
    run: (spec) =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null) =>
          reject(new Error(`load generator exited (${code})`));
        child.once('exit', onExit);
        child.once('message', (answer: { ok: boolean; result?: LoadResult; error?: string }) => {
          child.off('exit', onExit);
          if (answer.ok && answer.result) resolve(answer.result);
          else reject(new Error(answer.error ?? 'load generator failed'));
        });
        child.send(spec);
      }),
    stop: () => void child.kill(),
  };
}
