import { type Router as ExpressRouter, Router } from 'express';
import { isReady, type ReadinessReport } from './readiness.ts';

/**
 * `GET /healthz`: the process answers (liveness: restart it if not); it checks nothing else.
 * `GET /readyz`: the report, 200 while the router can serve (`ready` or `degraded`), 503 when
 * it has no supergraph or is shutting down (route traffic elsewhere).
 */
export function healthRoutes(readiness: () => Promise<ReadinessReport>): ExpressRouter {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await readiness();
    res.status(isReady(report) ? 200 : 503).json(report);
  });
  return router;
}
