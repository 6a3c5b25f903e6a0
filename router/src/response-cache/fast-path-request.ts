import type { IncomingMessage } from 'node:http';
import Negotiator from 'negotiator';

/** A POSTed query the fast path may answer, as Apollo Server would read it. */
export interface FastPathRequest {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  /** The media type Apollo Server would answer with (its negotiation). */
  contentType: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json; charset=utf-8';
const CALLBACK_TYPE = 'application/json; callbackSpec=1.0; charset=utf-8';

/**
 * Apollo Server's choice for a single result (`chooseContentTypeForSingleResultResponse`);
 * undefined where the fast path leaves the answer to Apollo (a 406, or the callback spec).
 */
function contentTypeFor(accept: string | undefined): string | undefined {
  if (!accept) return JSON_TYPE;
  const preferred = new Negotiator({ headers: { accept } }).mediaType([
    JSON_TYPE,
    GRAPHQL_RESPONSE_TYPE,
    CALLBACK_TYPE,
  ]);
  return preferred === JSON_TYPE || preferred === GRAPHQL_RESPONSE_TYPE ? preferred : undefined;
}

/**
 * `contentTypeFor`, remembered by the `Accept` header's text: clients send a handful of them,
 * and negotiating parses the header anew each time. At most `maxEntries` headers are kept
 * (past them the first ones are forgotten); default 100.
 */
export function createContentTypes(
  maxEntries = 100,
): (accept: string | undefined) => string | undefined {
  const chosen = new Map<string, string | undefined>();
  return (accept) => {
    if (!accept) return JSON_TYPE;
    if (chosen.has(accept)) return chosen.get(accept);
    const type = contentTypeFor(accept);
    chosen.set(accept, type);
    if (chosen.size > maxEntries) chosen.delete(chosen.keys().next().value as string);
    return type;
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The request when the fast path may answer it, else undefined (Apollo's pipeline decides).
 * POST with a JSON body (`body`, as readJsonBody parsed it) only: GET keeps Apollo's own
 * handling (CSRF prevention, mutations over GET refused), and a body is parsed only for a JSON
 * content type, which is never a CSRF-able "simple" request. Anything Apollo would check or
 * register (an APQ extension, a batch, odd `variables` or `operationName`) goes to Apollo as
 * well.
 */
export function fastPathRequest(
  req: Pick<IncomingMessage, 'method' | 'headers'>,
  body: unknown,
  contentTypes: (accept: string | undefined) => string | undefined = contentTypeFor,
): FastPathRequest | undefined {
  if (req.method !== 'POST' || !isRecord(body)) return undefined;
  const { query, operationName, variables, extensions } = body;
  if (typeof query !== 'string') return undefined;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  if (variables != null && !isRecord(variables)) return undefined;
  if (extensions != null && (!isRecord(extensions) || 'persistedQuery' in extensions)) {
    return undefined;
  }
  const contentType = contentTypes(req.headers.accept);
  if (!contentType) return undefined;
  return {
    query,
    operationName: operationName ?? undefined,
    variables: variables ?? undefined,
    contentType,
  };
}
