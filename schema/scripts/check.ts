// pnpm schema:check — fails when the committed schema/ differs from a fresh print and compose
// (someone changed a subgraph without running `pnpm schema:compose`) or composition fails.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { renderSchemaFiles } from '../src/schema-files.ts';

const files = await renderSchemaFiles();
const stale = [...files]
  .filter(([path, content]) => !existsSync(path) || readFileSync(path, 'utf8') !== content)
  .map(([path]) => relative(process.cwd(), path));

if (stale.length > 0) {
  console.error(`schema/ is out of date: ${stale.join(', ')}\nRun: pnpm schema:compose`);
  process.exit(1);
}
console.log(`schema/ is up to date (${files.size} files)`);
process.exit(0);
