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

/** The text of a listed partner operation, from its file in schema/operations/partner/. */
export function partnerOperation(file: string): string {
  return readFileSync(
    new URL(`../../../schema/operations/partner/${file}.graphql`, import.meta.url),
    'utf8',
  );
}
