import cors, { type CorsOptions } from 'cors';
import type { RequestHandler } from 'express';

/** Where Apollo's hosted Sandbox and Explorer run: allowed in development by default. */
export const APOLLO_STUDIO_ORIGINS = [
  'https://studio.apollographql.com',
  'https://sandbox.embed.apollographql.com',
  'https://explorer.embed.apollographql.com',
] as const;

/** Any port of this machine: a web app in development (`vite`, `next dev` …). */
const LOCALHOST = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** What GraphQL clients send (Apollo Client, Sandbox, urql, graphql-ws's HTTP siblings). */
const ALLOWED_HEADERS = [
  'content-type',
  'accept',
  'authorization',
  'x-api-key',
  'apollographql-client-name',
  'apollographql-client-version',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
  'traceparent',
  'tracestate',
];

/** Response headers a browser app may read besides the safelisted ones. */
const EXPOSED_HEADERS = [
  'x-request-id',
  'traceresponse',
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
  'age',
];

export interface CorsPolicyOptions {
  /** CORS_ORIGINS: exactly these origins when set (in every environment). */
  origins: readonly string[] | undefined;
  /** Without `origins`: development allows Apollo's Sandbox/Explorer and localhost; else none. */
  development: boolean;
}

/**
 * CORS for `/graphql`, first in its chain so that every answer, a 401 or 429 included, carries
 * it: a preflight from an allowed origin is answered 204 with the methods and headers GraphQL
 * clients send (cached by the browser for 10 minutes); any other origin gets no
 * `Access-Control-*` header, so the browser keeps the answer from the page. CSRF stays with
 * Apollo's `csrfPrevention` (a simple request must still carry a preflight-forcing header).
 */
export function corsPolicy({ origins, development }: CorsPolicyOptions): RequestHandler {
  const listed = new Set<string>(origins ?? (development ? APOLLO_STUDIO_ORIGINS : []));
  const allowLocalhost = origins === undefined && development;
  const options: CorsOptions = {
    origin: (origin, callback) =>
      callback(
        null,
        origin !== undefined && (listed.has(origin) || (allowLocalhost && LOCALHOST.test(origin))),
      ),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  };
  return cors(options);
}
