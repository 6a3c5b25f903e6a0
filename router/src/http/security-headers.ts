import type { ServerResponse } from 'node:http';

export interface SecurityHeadersOptions {
  /**
   * `Strict-Transport-Security: max-age=<n>` on every answer when above 0 (HSTS_MAX_AGE_SECONDS,
   * default 0: off). Only behind HTTPS: a browser then refuses plain HTTP to this host for n s.
   */
  hstsMaxAgeSeconds: number;
}

/**
 * Headers every answer carries: no MIME sniffing, no referrer sent on. A few lines rather than
 * helmet: helmet's defaults would add a Content-Security-Policy that breaks Apollo Sandbox's
 * landing page in development (it loads Apollo's scripts from their CDN) and turn HSTS on for
 * plain-HTTP laptops; what remains of it for a JSON API is these.
 */
export function securityHeaders({
  hstsMaxAgeSeconds,
}: SecurityHeadersOptions): (res: ServerResponse) => void {
  const headers: [string, string][] = [
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'no-referrer'],
  ];
  if (hstsMaxAgeSeconds > 0) {
    headers.push(['strict-transport-security', `max-age=${hstsMaxAgeSeconds}; includeSubDomains`]);
  }
  return (res) => {
    for (const [name, value] of headers) res.setHeader(name, value);
  };
}
