import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloClient, ApolloLink, InMemoryCache, Observable } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { buildSchema, Kind, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  manifestFromDirectory,
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
const partner = manifests.find((m) => m.name === 'partner.json')?.manifest;

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

  it('partner.json is up to date with schema/operations/partner (pnpm schema:persisted-queries)', async () => {
    const fresh = renderManifest(await manifestFromDirectory(PARTNER_OPERATIONS_DIR));
    expect(readFileSync(PARTNER_MANIFEST_PATH, 'utf8')).toBe(fresh);
  });

  it('lists what partners need: search, hotel details, book, confirm, cancel, a booking, its updates', () => {
    expect(partner?.operations.map((o) => `${o.type} ${o.name}`).sort()).toEqual([
      'mutation PartnerCancelBooking',
      'mutation PartnerConfirmBooking',
      'mutation PartnerCreateBooking',
      'query PartnerBooking',
      'query PartnerHotelDetails',
      'query PartnerSearchHotels',
      'subscription PartnerHotelBookingUpdates',
    ]);
  });
});

describe('partner.json and Apollo Client', () => {
  it("lists the ids a partner's Apollo Client 4 sends for the operation files (with __typename)", async () => {
    const sent: Record<string, string> = {};
    // What a partner's app does: InMemoryCache (adds __typename) and the APQ link hashing the
    // document it sends. The terminating link records the hash instead of calling a server.
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: new PersistedQueryLink({ sha256: sha256Hex }).concat(
        new ApolloLink(
          (operation) =>
            new Observable((observer) => {
              const { sha256Hash } = operation.extensions.persistedQuery as { sha256Hash: string };
              sent[operation.operationName ?? ''] = sha256Hash;
              observer.next({ data: null });
              observer.complete();
            }),
        ),
      ),
    });
    const files = readdirSync(PARTNER_OPERATIONS_DIR).filter((f) => f.endsWith('.graphql'));
    for (const file of files) {
      const document = parse(readFileSync(join(PARTNER_OPERATIONS_DIR, file), 'utf8'));
      const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      if (operation?.operation === 'mutation') await client.mutate({ mutation: document });
      else if (operation?.operation === 'subscription') {
        await new Promise<void>((done) =>
          client.subscribe({ query: document }).subscribe({
            complete: () => done(),
            error: () => done(),
          }),
        );
      } else await client.query({ query: document, fetchPolicy: 'no-cache' });
    }
    expect(Object.keys(sent)).toHaveLength(partner?.operations.length ?? -1);
    for (const { name, id, body } of partner?.operations ?? []) {
      expect(sent[name], name).toBe(id);
      expect(body).toContain('__typename');
    }
  });
});
