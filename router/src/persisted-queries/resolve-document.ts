import type { ErrorCode } from '@travel/errors';
import { sha256Hex } from '../sha256.ts';
import type { ListedOperation } from './manifest.ts';

/**
 * `PERSISTED_QUERIES_MODE`, for first-party clients:
 * - `off`: anything runs, nothing is reported (listed ids still resolve);
 * - `log_unknown`: anything runs; unlisted operations are logged and counted;
 * - `safelist`: listed operations only, sent by id or as the exact listed body;
 * - `require_id`: listed operations only, sent by id.
 */
export const PERSISTED_QUERIES_MODES = ['off', 'log_unknown', 'safelist', 'require_id'] as const;
export type PersistedQueriesMode = (typeof PERSISTED_QUERIES_MODES)[number];

/** The mode one request is held to: partners always by id; development allows everything. */
export function modeFor(options: {
  mode: PersistedQueriesMode;
  development: boolean;
  partner: boolean;
}): PersistedQueriesMode {
  if (options.partner) return 'require_id';
  return options.development ? 'off' : options.mode;
}

/** What a request names: a GraphQL-over-HTTP `documentId`, an APQ hash, and/or a body. */
export interface DocumentRequest {
  documentId?: unknown;
  /** `extensions.persistedQuery.sha256Hash` */
  hash?: unknown;
  query?: unknown;
}

export type Resolution =
  /** Leave the request as it is: Apollo runs the body, or its APQ store resolves the hash. */
  | { action: 'pass' }
  /** Run this listed operation in place of what the request named. */
  | { action: 'use'; operation: ListedOperation }
  | { action: 'refuse'; status: number; code: ErrorCode; message: string };

const PASS: Resolution = { action: 'pass' };
// Apollo Router's statuses: 404 unknown id, 403 body not in the safelist, 400 id required.
const notFound: Resolution = {
  action: 'refuse',
  status: 404,
  code: 'PERSISTED_QUERY_NOT_FOUND',
  message: 'PersistedQueryNotFound',
};
const notInList = (status: number, message: string): Resolution => ({
  action: 'refuse',
  status,
  code: 'PERSISTED_QUERY_NOT_IN_LIST',
  message,
});
const badRequest = (message: string): Resolution => ({
  action: 'refuse',
  status: 400,
  code: 'BAD_REQUEST',
  message,
});

/** `extensions.persistedQuery.sha256Hash` of a request (an APQ hash or a listed id). */
export const persistedQueryHash = (extensions: unknown): unknown =>
  (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery
    ?.sha256Hash;

/** `sha256:<hex>` (GraphQL-over-HTTP's prefixed form) or a bare id. */
const idOf = (documentId: string) => documentId.replace(/^sha256:/, '');

/** Decides, before any parsing, what runs for one request under `mode`. */
export function resolveDocument(
  request: DocumentRequest,
  mode: PersistedQueriesMode,
  list: { get(id: string): ListedOperation | undefined },
): Resolution {
  const { documentId, hash, query } = request;
  const hasQuery = typeof query === 'string' && query !== '';
  const apqAllowed = mode === 'off' || mode === 'log_unknown';

  if (documentId !== undefined) {
    if (typeof documentId !== 'string') return badRequest('documentId must be a string');
    if (hasQuery) return badRequest('Send either documentId or query, not both');
    const operation = list.get(idOf(documentId));
    return operation ? { action: 'use', operation } : notFound;
  }

  if (typeof hash === 'string') {
    if (!hasQuery) {
      const operation = list.get(hash);
      if (operation) return { action: 'use', operation };
      return apqAllowed ? PASS : notFound;
    }
    // An APQ registration: Apollo checks that the hash is the body's and stores it.
    if (apqAllowed) return PASS;
    const operation = sha256Hex(query) === hash ? list.get(hash) : undefined;
    return operation
      ? { action: 'use', operation }
      : notInList(400, 'A persisted query id was sent with a body that is not listed');
  }

  if (!hasQuery || apqAllowed) return PASS;
  if (mode === 'require_id') {
    return notInList(
      400,
      'Operations must be sent by persisted query id (extensions.persistedQuery.sha256Hash or documentId)',
    );
  }
  const operation = list.get(sha256Hex(query));
  return operation
    ? { action: 'use', operation }
    : notInList(403, 'The operation is not in the persisted query list');
}
