import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  manifestFromDirectory,
  manifestOperation,
  PARTNER_MANIFEST_PATH,
  PARTNER_OPERATIONS_DIR,
  type PersistedQueryManifest,
  renderManifest,
  sha256Hex,
} from './persisted-query-manifest.ts';
import { API_SCHEMA_PATH, SCHEMA_DIR } from './schema-files.ts';

const MANIFEST_DIR = join(SCHEMA_DIR, 'persisted-queries');
const manifests = readdirSync(MANIFEST_DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({
    name,
    manifest: JSON.parse(readFileSync(join(MANIFEST_DIR, name), 'utf8')) as PersistedQueryManifest,
  }));
const apiSchema = buildSchema(readFileSync(API_SCHEMA_PATH, 'utf8'));

describe('committed persisted query manifests', () => {
  it('include the partner manifest', () => {
    expect(manifests.map((m) => m.name)).toContain('partner.json');
  });

  // A schema change that breaks an operation a partner was promised fails here, in CI.
  describe.each(manifests)('$name', ({ manifest }) => {
    it.each(manifest.operations.map((op) => [op.name, op] as const))(
      '%s validates against the API schema and its id is the sha256 of its body',
      (_name, operation) => {
        expect(validate(apiSchema, parse(operation.body)).map((e) => e.message)).toEqual([]);
        expect(operation.id).toBe(sha256Hex(operation.body));
      },
    );
  });

  it('partner.json is up to date with schema/operations/partner (pnpm schema:persisted-queries)', () => {
    const fresh = renderManifest(manifestFromDirectory(PARTNER_OPERATIONS_DIR));
    expect(readFileSync(PARTNER_MANIFEST_PATH, 'utf8')).toBe(fresh);
  });

  it('lists what partners need: search, hotel details, book, confirm, cancel, a booking', () => {
    const partner = manifests.find((m) => m.name === 'partner.json')?.manifest;
    expect(partner?.operations.map((o) => `${o.type} ${o.name}`).sort()).toEqual([
      'mutation PartnerCancelBooking',
      'mutation PartnerConfirmBooking',
      'mutation PartnerCreateBooking',
      'query PartnerBooking',
      'query PartnerHotelDetails',
      'query PartnerSearchHotels',
    ]);
  });
});

describe('manifestOperation', () => {
  it('prints the body canonically (operations, then fragments by name) and hashes it', () => {
    const source = `# a comment
      fragment B on Hotel { name }
      query Q($id: ID!) { hotel(id: $id) { ...A ...B } }
      fragment A on Hotel { id }`;
    const op = manifestOperation(source, 'q.graphql');
    expect(op).toMatchObject({ name: 'Q', type: 'query' });
    expect(op.body.indexOf('query Q')).toBe(0);
    expect(op.body.indexOf('fragment A')).toBeLessThan(op.body.indexOf('fragment B'));
    expect(op.body).not.toContain('comment');
    expect(op.id).toBe(sha256Hex(op.body));
  });

  it('refuses an anonymous operation and a file with two operations', () => {
    expect(() => manifestOperation('{ me { id } }', 'a.graphql')).toThrow(/needs a name/);
    expect(() =>
      manifestOperation('query A { me { id } } query B { me { id } }', 'b.graphql'),
    ).toThrow(/exactly one operation, found 2/);
  });
});
