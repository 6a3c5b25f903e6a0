import { type Route, sendJson } from '@travel/service-kit/http';
import { isReady, type ReadinessReport } from './readiness.ts';

/**
 * `GET /healthz`: the process answers (liveness: restart it if not); it checks nothing else.
 * `GET /readyz`: the report, 200 while the router can serve (`ready` or `degraded`), 503 when
 * it has no supergraph or is shutting down (route traffic elsewhere).
 */
export function healthRoutes(readiness: () => Promise<ReadinessReport>): Map<string, Route> {
  return new Map<string, Route>([
    ['/healthz', (res) => sendJson(res, 200, { status: 'ok' })],
    [
      '/readyz',
      async (res) => {
        const report = await readiness();
        sendJson(res, isReady(report) ? 200 : 503, report);
      },
    ],
  ]);
}
