import { AppError } from '@travel/errors';
import type { ListedOperation } from '../persisted-queries/manifest.ts';
import {
  modeFor,
  type PersistedQueriesMode,
  persistedQueryHash,
  resolveDocument,
} from '../persisted-queries/resolve-document.ts';

/** What an operation request may name besides its text (GraphQL over HTTP, graphql-ws, SSE). */
export interface OperationRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  /** `extensions.persistedQuery.sha256Hash`: a listed id or an APQ hash. */
  extensions?: unknown;
  /** GraphQL-over-HTTP's persisted document id (`sha256:<hex>` or the bare id). */
  documentId?: unknown;
}

/** The persisted query lists and the mode first-party callers are held to. */
export interface PersistedOperationPolicy {
  list: { get(id: string): ListedOperation | undefined };
  mode: PersistedQueriesMode;
  development: boolean;
}

/**
 * The document text a streamed operation runs, under the caller's mode: the same decision
 * (resolveDocument, modeFor) the HTTP step takes for queries, so a partner runs listed
 * operations only, by id, over every transport. Streams have no APQ store: an unlisted hash
 * without its text answers PERSISTED_QUERY_NOT_FOUND, and the client sends the text.
 */
export function operationText(
  request: OperationRequest,
  policy: PersistedOperationPolicy,
  partner: boolean,
): string | AppError {
  const mode = modeFor({ mode: policy.mode, development: policy.development, partner });
  const resolution = resolveDocument(
    {
      documentId: request.documentId,
      hash: persistedQueryHash(request.extensions),
      query: request.query,
    },
    mode,
    policy.list,
  );
  if (resolution.action === 'refuse') return new AppError(resolution.message, resolution.code);
  if (resolution.action === 'use') return resolution.operation.body;
  if (typeof request.query === 'string' && request.query !== '') return request.query;
  if (persistedQueryHash(request.extensions) !== undefined) {
    return new AppError('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND');
  }
  return new AppError('The request names no operation (query or documentId)', 'BAD_REQUEST');
}

/**
 * The text a request names whatever the caller may run (ids looked up, nothing enforced):
 * enough to tell a subscription from a query before choosing where it goes. Undefined when
 * only an APQ store could tell.
 */
export function namedText(
  request: OperationRequest,
  list: PersistedOperationPolicy['list'],
): string | undefined {
  const text = operationText(request, { list, mode: 'off', development: false }, false);
  return typeof text === 'string' ? text : undefined;
}
