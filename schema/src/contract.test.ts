import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeBreakingChanges } from './breaking-changes.ts';

const read = (name: string) => readFileSync(join(import.meta.dirname, '..', name), 'utf8');

describe('the public API contract', () => {
  // contract.graphql is the project's copy of the public contract: the API schema clients
  // introspect must offer at least all of it, with the same names, arguments and types.
  it('is fully offered by the committed API schema', () => {
    expect(describeBreakingChanges(read('contract.graphql'), read('api.graphql'))).toEqual([]);
  });
});

describe('describeBreakingChanges', () => {
  it('reports a removed field and a narrowed argument, and nothing for an addition', () => {
    const before = 'type Query { a(x: Int): String, b: Int }';
    expect(describeBreakingChanges(before, 'type Query { a(x: Int!): String }')).toEqual([
      'FIELD_REMOVED: Query.b was removed.',
      'ARG_CHANGED_KIND: Query.a arg x has changed type from Int to Int!.',
    ]);
    expect(describeBreakingChanges(before, `${before.slice(0, -1)} c: ID }`)).toEqual([]);
  });
});
