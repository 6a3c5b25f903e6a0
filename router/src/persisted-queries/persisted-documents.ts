import { sendErrorResponse } from '@travel/errors';
import type { Logger } from '@travel/logger';
import type { Request, RequestHandler, Response } from 'express';
import { routerLocals } from '../context.ts';
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

/** Where a request's persisted query came from, for the request log line. */
export interface PersistedQueryLocals {
  persistedQuery?: { id: string; name: string };
}

export const persistedQueryLocals = (res: Response) => res.locals as PersistedQueryLocals;

type Params = Record<string, unknown>;

/**
 * Express middleware between `express.json` and Apollo: turns a listed id (`documentId`, or
 * `extensions.persistedQuery.sha256Hash`) into its listed body, and enforces the mode before
 * Apollo parses anything. Hashes that are not listed go on to Apollo's APQ store when the
 * mode allows it. Partners (API key) are always held to listed ids.
 */
export function persistedDocuments(options: PersistedDocumentsOptions): RequestHandler {
  return (req, res, next) => {
    const get = req.method === 'GET' ? searchParamsOf(req) : undefined;
    const params: Params | undefined = get
      ? {
          query: get.get('query') ?? undefined,
          documentId: get.get('documentId') ?? undefined,
          extensions: parseJson(get.get('extensions')),
        }
      : isObject(req.body)
        ? req.body
        : undefined;
    if (!params) return next();

    const request: DocumentRequest = {
      documentId: params.documentId,
      hash: persistedQueryHash(params.extensions),
      query: params.query,
    };
    const partner = routerLocals(res).viewer?.apiKeyId !== undefined;
    const mode = modeFor({ mode: options.mode, development: options.development, partner });
    const resolution = resolveDocument(request, mode, options.list);

    if (resolution.action === 'pass') return next();
    if (resolution.action === 'refuse') {
      if (resolution.code === 'PERSISTED_QUERY_NOT_IN_LIST') options.unlisted.refused();
      options.log.info(
        { code: resolution.code, partner, requestId: routerLocals(res).requestId },
        'persisted query refused',
      );
      sendErrorResponse(req, res, {
        status: resolution.status,
        message: resolution.message,
        code: resolution.code,
        // Like Apollo Router: a client ahead of this router must not stay stuck in a cache.
        headers: { 'cache-control': 'private, no-cache, must-revalidate' },
      });
      return;
    }

    const { id, name, body } = resolution.operation;
    persistedQueryLocals(res).persistedQuery = { id, name };
    if (get) rewriteSearch(req, get, body);
    else rewriteBody(params, body);
    next();
  };
}

/** The listed body replaces the id, and the APQ extension goes: Apollo must not re-register it. */
function rewriteBody(body: Params, query: string) {
  body.query = query;
  delete body.documentId;
  const extensions = body.extensions as Params | undefined;
  if (isObject(extensions)) delete extensions.persistedQuery;
}

// Apollo's express integration reads a GET's parameters from `req.url`.
function rewriteSearch(req: Request, search: URLSearchParams, query: string) {
  search.delete('documentId');
  search.set('query', query);
  const extensions = parseJson(search.get('extensions'));
  if (isObject(extensions)) {
    delete extensions.persistedQuery;
    search.set('extensions', JSON.stringify(extensions));
  }
  req.url = `${req.url.split('?')[0]}?${search.toString()}`;
}

function searchParamsOf(req: Request): URLSearchParams {
  const at = req.url.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : req.url.slice(at + 1));
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
