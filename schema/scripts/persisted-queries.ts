// pnpm schema:persisted-queries — writes schema/persisted-queries/partner.json from
// schema/operations/partner/*.graphql (the operations partners may run, by id), with Apollo's
// generator (see persisted-query-manifest.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import {
  manifestFromDirectory,
  PARTNER_MANIFEST_PATH,
  PARTNER_OPERATIONS_DIR,
  renderManifest,
} from '../src/persisted-query-manifest.ts';

const manifest = await manifestFromDirectory(PARTNER_OPERATIONS_DIR);
mkdirSync(dirname(PARTNER_MANIFEST_PATH), { recursive: true });
writeFileSync(PARTNER_MANIFEST_PATH, renderManifest(manifest));
console.log(
  `wrote ${relative(process.cwd(), PARTNER_MANIFEST_PATH)} (${manifest.operations.length} operations)`,
);
process.exit(0);
