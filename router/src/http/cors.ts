import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StepResult } from './request-state.ts';

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

/** How long a browser may reuse a preflight's answer, in seconds. */
const MAX_AGE_SECONDS = 600;

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
 * `Access-Control-*` header, so the browser keeps the answer from the page (and its preflight
 * goes on to Apollo, which allows no OPTIONS). CSRF stays with Apollo's `csrfPrevention` (a
 * simple request must still carry a preflight-forcing header). The few headers are written
 * here, as the `cors` package wrote them for these options.
 */
export function corsPolicy({
  origins,
  development,
}: CorsPolicyOptions): (req: IncomingMessage, res: ServerResponse) => StepResult {
  const listed = new Set<string>(origins ?? (development ? APOLLO_STUDIO_ORIGINS : []));
  const allowLocalhost = origins === undefined && development;
  const allowed = (origin: string | undefined): origin is string =>
    origin !== undefined && (listed.has(origin) || (allowLocalhost && LOCALHOST.test(origin)));
  const exposed = EXPOSED_HEADERS.join(',');
  const preflight: [string, string][] = [
    ['access-control-allow-methods', 'GET,POST,OPTIONS'],
    ['access-control-allow-headers', ALLOWED_HEADERS.join(',')],
    ['access-control-max-age', String(MAX_AGE_SECONDS)],
    ['access-control-expose-headers', exposed],
  ];
  // Some origin may be allowed: every answer depends on `Origin`, allowed or not, and a shared
  // cache (a CDN keeping a public GET) must not hand one origin's answer to another.
  const varies = listed.size > 0 || allowLocalhost;
  return (req, res) => {
    const { origin } = req.headers;
    if (varies) res.setHeader('vary', 'Origin');
    if (!allowed(origin)) return 'next';
    res.setHeader('access-control-allow-origin', origin);
    if (req.method !== 'OPTIONS') {
      res.setHeader('access-control-expose-headers', exposed);
      return 'next';
    }
    for (const [name, value] of preflight) res.setHeader(name, value);
    res.statusCode = 204;
    res.setHeader('content-length', '0');
    res.end();
    return 'answered';
  };
}
