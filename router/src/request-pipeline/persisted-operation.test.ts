import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../sha256.ts';
import { namedText, operationText, type PersistedOperationPolicy } from './persisted-operation.ts';

const body = 'subscription Listed($h: ID!) { hotelBookingUpdates(hotelId: $h) { id } }';
const id = sha256Hex(body);
const list = {
  get: (key: string) =>
    key === id ? { id, name: 'Listed', type: 'subscription', body } : undefined,
} as PersistedOperationPolicy['list'];
const policy = (mode: PersistedOperationPolicy['mode']): PersistedOperationPolicy => ({
  list,
  mode,
  development: false,
});
const byHash = { query: '', extensions: { persistedQuery: { version: 1, sha256Hash: id } } };
const codeOf = (value: unknown) => (value as { extensions?: { code?: string } }).extensions?.code;

describe('operationText', () => {
  it('holds partners to listed ids over every transport, whatever the mode', () => {
    for (const mode of ['off', 'log_unknown', 'safelist', 'require_id'] as const) {
      expect(operationText(byHash, policy(mode), true)).toBe(body);
      expect(operationText({ documentId: `sha256:${id}` }, policy(mode), true)).toBe(body);
      expect(codeOf(operationText({ query: body }, policy(mode), true))).toBe(
        'PERSISTED_QUERY_NOT_IN_LIST',
      );
    }
  });

  it('lets first-party callers send text under log_unknown, and listed text under safelist', () => {
    const other = 'subscription { myBookingUpdates { id } }';
    expect(operationText({ query: other }, policy('log_unknown'), false)).toBe(other);
    expect(operationText({ query: body }, policy('safelist'), false)).toBe(body);
    expect(codeOf(operationText({ query: other }, policy('safelist'), false))).toBe(
      'PERSISTED_QUERY_NOT_IN_LIST',
    );
  });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND (streams have no APQ store)', () => {
    const unknown = { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } };
    expect(codeOf(operationText(unknown, policy('log_unknown'), false))).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    expect(codeOf(operationText({ documentId: 'nope' }, policy('off'), false))).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    expect(codeOf(operationText({}, policy('off'), false))).toBe('BAD_REQUEST');
  });
});

describe('namedText', () => {
  it('tells what a request names without enforcing anything', () => {
    expect(namedText(byHash, list)).toBe(body);
    expect(namedText({ query: 'query { me { id } }' }, list)).toBe('query { me { id } }');
    // Only an APQ store could tell: left to Apollo.
    expect(
      namedText({ extensions: { persistedQuery: { sha256Hash: 'f' } } }, list),
    ).toBeUndefined();
  });
});
