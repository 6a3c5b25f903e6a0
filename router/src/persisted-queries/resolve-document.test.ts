import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../sha256.ts';
import type { ListedOperation } from './manifest.ts';
import { modeFor, type PersistedQueriesMode, resolveDocument } from './resolve-document.ts';

const BODY = 'query Hotel {\n  hotel(id: "1") {\n    name\n  }\n}';
const LISTED: ListedOperation = { id: sha256Hex(BODY), name: 'Hotel', type: 'query', body: BODY };
const list = new Map([[LISTED.id, LISTED]]);
const OTHER = '{ me { id } }';
const UNKNOWN = sha256Hex(OTHER);

const resolve = (request: Parameters<typeof resolveDocument>[0], mode: PersistedQueriesMode) => {
  const resolution = resolveDocument(request, mode, list);
  return resolution.action === 'refuse'
    ? `${resolution.status} ${resolution.code}`
    : resolution.action;
};

describe('modeFor', () => {
  it('holds partners to ids, lets development run anything, else follows the mode', () => {
    expect(modeFor({ mode: 'off', development: true, partner: true })).toBe('require_id');
    expect(modeFor({ mode: 'require_id', development: true, partner: false })).toBe('off');
    expect(modeFor({ mode: 'safelist', development: false, partner: false })).toBe('safelist');
  });
});

describe('resolveDocument', () => {
  it.each(['off', 'log_unknown', 'safelist', 'require_id'] as const)(
    'resolves a listed id, by hash and by documentId (bare or sha256:), in %s',
    (mode) => {
      expect(resolve({ hash: LISTED.id }, mode)).toBe('use');
      expect(resolve({ documentId: LISTED.id }, mode)).toBe('use');
      expect(resolve({ documentId: `sha256:${LISTED.id}` }, mode)).toBe('use');
      expect(resolve({ documentId: UNKNOWN }, mode)).toBe('404 PERSISTED_QUERY_NOT_FOUND');
    },
  );

  it.each([
    // mode, unknown hash, hash + unlisted body, listed body, unlisted body
    ['off', 'pass', 'pass', 'pass', 'pass'],
    ['log_unknown', 'pass', 'pass', 'pass', 'pass'],
    [
      'safelist',
      '404 PERSISTED_QUERY_NOT_FOUND',
      '400 PERSISTED_QUERY_NOT_IN_LIST',
      'use',
      '403 PERSISTED_QUERY_NOT_IN_LIST',
    ],
    [
      'require_id',
      '404 PERSISTED_QUERY_NOT_FOUND',
      '400 PERSISTED_QUERY_NOT_IN_LIST',
      '400 PERSISTED_QUERY_NOT_IN_LIST',
      '400 PERSISTED_QUERY_NOT_IN_LIST',
    ],
  ] as const)('in %s', (mode, unknownHash, registration, listedBody, unlistedBody) => {
    expect(resolve({ hash: UNKNOWN }, mode)).toBe(unknownHash);
    expect(resolve({ hash: UNKNOWN, query: OTHER }, mode)).toBe(registration);
    expect(resolve({ query: BODY }, mode)).toBe(listedBody);
    expect(resolve({ query: OTHER }, mode)).toBe(unlistedBody);
  });

  it('never maps a listed id to another body under enforcement (no hash hijacking)', () => {
    expect(resolve({ hash: LISTED.id, query: OTHER }, 'safelist')).toBe(
      '400 PERSISTED_QUERY_NOT_IN_LIST',
    );
    // With APQ, Apollo refuses the mismatch itself.
    expect(resolve({ hash: LISTED.id, query: OTHER }, 'log_unknown')).toBe('pass');
    expect(resolve({ hash: LISTED.id, query: BODY }, 'require_id')).toBe('use');
  });

  it('refuses a malformed documentId request', () => {
    expect(resolve({ documentId: 42 }, 'off')).toBe('400 BAD_REQUEST');
    expect(resolve({ documentId: LISTED.id, query: BODY }, 'off')).toBe('400 BAD_REQUEST');
  });

  it('leaves a request with neither id nor body to Apollo', () => {
    expect(resolve({}, 'require_id')).toBe('pass');
  });
});
