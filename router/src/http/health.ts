import { type Router as ExpressRouter, Router } from 'express';
import type { ReadinessReport } from './readiness.ts';

/**
 * `GET /healthz`: the process answers (restart it if not). `GET /readyz`: it can serve
 * (route traffic elsewhere if not), 503 with the report otherwise.
 */
export function healthRoutes(readiness: () => Promise<ReadinessReport>): ExpressRouter {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await readiness();
    res.status(report.ready ? 200 : 503).json({
      status: report.ready ? 'ready' : 'unavailable',
      supergraph: report.supergraph,
      subgraphs: report.subgraphs,
    });
  });
  return router;
}
