import type { ServerResponse } from 'node:http';
import type { HttpDrain } from '@travel/lifecycle';
import type { Logger } from '@travel/logger';
import { metricsResponse } from '@travel/metrics';
import type { Registry } from 'prom-client';

/** A route beside `/graphql`, answering GET and HEAD. */
export type Route = (res: ServerResponse) => Promise<void> | void;

/** A JSON answer of a route (`/healthz`, `/readyz`). */
export function sendJson(res: ServerResponse, status: number, value: unknown) {
  const body = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

export interface ServiceRoutesOptions {
  drain: Pick<HttpDrain, 'draining'>;
  checkReady(): Promise<void>;
  registry: Registry;
  log: Pick<Logger, 'warn'>;
}

/**
 * `GET /healthz` (alive), `/readyz` (503 while draining or when `checkReady` rejects) and
 * `/metrics` (Prometheus text): what every service answers beside GraphQL.
 */
export function serviceRoutes({ drain, checkReady, registry, log }: ServiceRoutesOptions) {
  return new Map<string, Route>([
    ['/healthz', (res) => sendJson(res, 200, { status: 'ok' })],
    [
      '/readyz',
      async (res) => {
        if (drain.draining) return sendJson(res, 503, { status: 'draining' });
        try {
          await checkReady();
          sendJson(res, 200, { status: 'ready' });
        } catch (error) {
          log.warn({ err: error }, 'not ready');
          sendJson(res, 503, { status: 'unavailable' });
        }
      },
    ],
    ['/metrics', metricsRoute(registry)],
  ]);
}

/** `GET /metrics`: the registry in Prometheus text format. */
export function metricsRoute(registry: Registry): Route {
  return async (res) => {
    const { contentType, body } = await metricsResponse(registry);
    res.writeHead(200, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  };
}
