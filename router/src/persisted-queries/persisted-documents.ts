import type { IncomingMessage } from 'node:http';
import { sendErrorResponse } from '@travel/errors';
import type { Logger } from '@travel/logger';
import type { Step } from '../http/request-state.ts';
import { pathOf, searchOf } from '../http/request-url.ts';
import type { ListedOperation } from './manifest.ts';
import {
  type DocumentRequest,
  modeFor,
  type PersistedQueriesMode,
  persistedQueryHash,
  resolveDocument,
} from './resolve-document.ts';
import type { UnlistedOperations } from './unlisted-operations.ts';

export interface PersistedDocumentsOptions {
  list: { get(id: string): ListedOperation | undefined };
  mode: PersistedQueriesMode;
  development: boolean;
  log: Logger;
  /** Counts refusals here (`graphql_unlisted_operations_total{action="refused"}`). */
  unlisted: UnlistedOperations;
}

type Params = Record<string, unknown>;

/**
 * A step between the JSON body and Apollo: turns a listed id (`documentId`, or
 * `extensions.persistedQuery.sha256Hash`) into its listed body, and enforces the mode before
 * Apollo parses anything. Hashes that are not listed go on to Apollo's APQ store when the
 * mode allows it. Partners (API key) are always held to listed ids. The listed operation is
 * left in the request's state for the request log line.
 */
export function persistedDocuments(options: PersistedDocumentsOptions): Step {
  return (req, res, state) => {
    const get = req.method === 'GET' ? searchOf(req.url) : undefined;
    const params: Params | undefined = get
      ? {
          query: get.get('query') ?? undefined,
          documentId: get.get('documentId') ?? undefined,
          extensions: parseJson(get.get('extensions')),
        }
      : isObject(state.body)
        ? state.body
        : undefined;
    if (!params) return 'next';

    const request: DocumentRequest = {
      documentId: params.documentId,
      hash: persistedQueryHash(params.extensions),
      query: params.query,
    };
    const partner = state.viewer?.apiKeyId !== undefined;
    const mode = modeFor({ mode: options.mode, development: options.development, partner });
    const resolution = resolveDocument(request, mode, options.list);

    if (resolution.action === 'pass') return 'next';
    if (resolution.action === 'refuse') {
      if (resolution.code === 'PERSISTED_QUERY_NOT_IN_LIST') options.unlisted.refused();
      options.log.info(
        { code: resolution.code, partner, requestId: state.requestId },
        'persisted query refused',
      );
      sendErrorResponse(req, res, {
        status: resolution.status,
        message: resolution.message,
        code: resolution.code,
        // Like Apollo Router: a client ahead of this router must not stay stuck in a cache.
        headers: { 'cache-control': 'private, no-cache, must-revalidate' },
      });
      return 'answered';
    }

    const { id, name, body } = resolution.operation;
    state.persistedQuery = { id, name };
    if (get) rewriteSearch(req, get, body);
    else rewriteBody(params, body);
    return 'next';
  };
}

/** The listed body replaces the id, and the APQ extension goes: Apollo must not re-register it. */
function rewriteBody(body: Params, query: string) {
  body.query = query;
  delete body.documentId;
  const extensions = body.extensions as Params | undefined;
  if (isObject(extensions)) delete extensions.persistedQuery;
}

// Apollo Server is handed a GET's parameters from `req.url` (handleGraphQLRequest).
function rewriteSearch(req: IncomingMessage, search: URLSearchParams, query: string) {
  search.delete('documentId');
  search.set('query', query);
  const extensions = parseJson(search.get('extensions'));
  if (isObject(extensions)) {
    delete extensions.persistedQuery;
    search.set('extensions', JSON.stringify(extensions));
  }
  req.url = `${pathOf(req.url)}?${search.toString()}`;
}

function parseJson(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // Apollo answers the malformed parameter itself
  }
}

function isObject(value: unknown): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
