import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../gateways/service-process.ts';

export interface BaselineCheckout {
  root: string;
  /** The abbreviated commit checked out. */
  commit: string;
  remove(): void;
}

const git = (args: string[], cwd = REPO_ROOT) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();

/**
 * `rev` checked out in a temporary git worktree with its own dependencies installed (from
 * pnpm's store, offline when it can: the lockfile is usually the same), to run its subgraphs
 * next to this tree's. `remove()` deletes the worktree.
 */
export function checkoutBaseline(rev: string): BaselineCheckout {
  const commit = git(['rev-parse', '--short', `${rev}^{commit}`]);
  const root = join(mkdtempSync(join(tmpdir(), 'travel-baseline-')), 'tree');
  git(['worktree', 'add', '--detach', root, commit]);
  const remove = () => {
    git(['worktree', 'remove', '--force', root]);
    rmSync(join(root, '..'), { recursive: true, force: true });
  };
  try {
    const install = (offline: boolean) =>
      execFileSync(
        'pnpm',
        ['install', '--frozen-lockfile', ...(offline ? ['--offline'] : []), '--reporter=silent'],
        { cwd: root, stdio: 'inherit' },
      );
    try {
      install(true);
    } catch {
      // A package the store lacks: fetch it.
      install(false);
    }
    return { root, commit, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
