#!/usr/bin/env node
// Generates every subgraph's Prisma client (prisma/<name>/schema.prisma) with no network.
// `prisma generate` needs no schema engine, but the CLI asks the engine for its version
// first and would download it; a stub that only answers --version keeps it offline.
// The stub fails anything else, so a command that really needs the engine fails loudly.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const prismaDir = join(root, 'prisma');
const require = createRequire(join(root, 'packages/prisma-tools/package.json'));
const prismaCli = join(dirname(require.resolve('prisma/package.json')), 'build/index.js');

const stubDir = mkdtempSync(join(tmpdir(), 'prisma-engine-stub-'));
const stub = join(stubDir, 'schema-engine');
writeFileSync(
  stub,
  '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "schema-engine-cli 0edf323efd1d98336f3f0a68684b56f689b900d3"; exit 0; fi\necho "schema engine stub: use pnpm db:* scripts" >&2\nexit 1\n',
);
chmodSync(stub, 0o755);

try {
  const names = readdirSync(prismaDir).filter((n) =>
    existsSync(join(prismaDir, n, 'schema.prisma')),
  );
  for (const name of names) {
    execFileSync(
      process.execPath,
      [prismaCli, 'generate', '--config', join(prismaDir, name, 'prisma.config.ts')],
      {
        cwd: join(prismaDir, name),
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          PRISMA_SCHEMA_ENGINE_BINARY: stub,
          PRISMA_HIDE_UPDATE_MESSAGE: '1',
          CHECKPOINT_DISABLE: '1',
        },
      },
    );
  }
} finally {
  rmSync(stubDir, { recursive: true, force: true });
}
