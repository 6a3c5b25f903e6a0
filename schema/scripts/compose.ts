// pnpm schema:compose [--allow-breaking]
// Prints every subgraph's SDL, composes the supergraph and writes schema/. Refuses to write an
// API schema that breaks the committed one unless the change is declared deliberate.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { describeBreakingChanges } from '../src/breaking-changes.ts';
import { API_SCHEMA_PATH, renderSchemaFiles } from '../src/schema-files.ts';

const allowBreaking = process.argv.includes('--allow-breaking');
const files = await renderSchemaFiles();

if (existsSync(API_SCHEMA_PATH)) {
  const breaking = describeBreakingChanges(
    readFileSync(API_SCHEMA_PATH, 'utf8'),
    files.get(API_SCHEMA_PATH) ?? '',
  );
  if (breaking.length > 0 && !allowBreaking) {
    console.error(
      `The API schema would break clients:\n${breaking.map((l) => `- ${l}`).join('\n')}`,
    );
    console.error('If this is deliberate, run: pnpm schema:compose --allow-breaking');
    process.exit(1);
  }
}

for (const [path, content] of files) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  console.log(`wrote ${relative(process.cwd(), path)}`);
}
process.exit(0);
