import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../sha256.ts';
import { parseManifest } from './manifest.ts';

const BODY = 'query Hotel($id: ID!) {\n  hotel(id: $id) {\n    name\n  }\n}';
const entry = (overrides: Record<string, unknown> = {}) => ({
  id: sha256Hex(BODY),
  name: 'Hotel',
  type: 'query',
  body: BODY,
  ...overrides,
});
const manifest = (operations: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations, ...extra });

describe('parseManifest', () => {
  it("reads Apollo's format", () => {
    expect(parseManifest(manifest([entry()]), 'web.json')).toEqual([entry()]);
  });

  it.each([
    ['not JSON', '{', /web\.json: not JSON/],
    ['another format', manifest([], { format: 'relay' }), /web\.json: "format" must be/],
    ['another version', manifest([], { version: 2 }), /web\.json: "version" must be 1/],
    [
      'no operations',
      JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1 }),
      /"operations" must be an array/,
    ],
    [
      'an entry without a name',
      manifest([entry({ name: undefined })]),
      /web\.json: operations\[0\]: "name" is missing/,
    ],
    [
      'an unknown type',
      manifest([entry(), entry({ type: 'query2' })]),
      /operations\[1\] \(Hotel\): "type" must be/,
    ],
    [
      'an id that is not the sha256 of the body',
      manifest([entry({ id: sha256Hex('{ me { id } }') })]),
      /operations\[0\] \(Hotel\): "id" is not the sha256 of "body"/,
    ],
    [
      'a body that does not parse',
      manifest([entry({ body: 'query {', id: sha256Hex('query {') })]),
      /"body" does not parse/,
    ],
    [
      'a body without the named operation',
      manifest([entry({ name: 'Other' })]),
      /operations\[0\] \(Other\): "body" has no query named Other/,
    ],
    [
      'a type that differs from the body',
      manifest([entry({ type: 'mutation' })]),
      /has no mutation named Hotel/,
    ],
  ])('refuses %s, naming the file and the entry', (_case, text, message) => {
    expect(() => parseManifest(text, 'web.json')).toThrow(message);
  });
});
