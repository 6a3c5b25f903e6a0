import { readFileSync } from 'node:fs';

const manifest = JSON.parse(
  readFileSync(new URL('../../../schema/persisted-queries/partner.json', import.meta.url), 'utf8'),
) as { operations: { id: string; name: string }[] };

/** The id of a listed partner operation (schema/operations/partner/), by its name. */
export function listedId(name: string): string {
  const id = manifest.operations.find((operation) => operation.name === name)?.id;
  if (!id) throw new Error(`${name} is not in the partner manifest`);
  return id;
}
