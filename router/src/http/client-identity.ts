import type { Logger } from '@travel/logger';
import { createBoundedSet, OTHER, sanitizeLabel } from '@travel/metrics';
import type { Request, RequestHandler } from 'express';
import { Counter, type Registry } from 'prom-client';
import { routerLocals } from '../context.ts';
import { persistedQueryLocals } from '../persisted-queries/persisted-documents.ts';

/**
 * A client-supplied header as a metric label: characters outside `[\w.-]` become `_`, at most
 * 64 characters, `unknown` when absent or empty. Labels end up in Prometheus series names.
 */
export function clientLabel(header: string | string[] | undefined): string {
  return sanitizeLabel(header);
}

export interface RequestLogOptions {
  log: Logger;
  registry: Registry;
  /** Distinct name/version pairs counted before new ones count as `other`; default 200. */
  maxClients?: number;
}

/**
 * One log line per `/graphql` request, when its answer is sent, with the client's
 * `apollographql-client-name` / `-version`, and `graphql_client_requests_total` by client.
 * Headers are caller-controlled: labels are sanitized and their number bounded. The client
 * name it settled on is left in `res.locals` for the per-operation metrics.
 */
export function requestLog({ log, registry, maxClients = 200 }: RequestLogOptions): RequestHandler {
  const requests = new Counter({
    name: 'graphql_client_requests_total',
    help: 'GraphQL requests by apollographql-client-name and -version',
    labelNames: ['client_name', 'client_version'] as const,
    registers: [registry],
  });
  const clients = createBoundedSet(maxClients);
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    let clientName = clientLabel(req.headers['apollographql-client-name']);
    let clientVersion = clientLabel(req.headers['apollographql-client-version']);
    if (!clients.admit(`${clientName}\n${clientVersion}`))
      [clientName, clientVersion] = [OTHER, OTHER];
    routerLocals(res).clientName = clientName;
    requests.inc({ client_name: clientName, client_version: clientVersion });
    // Below `info` (production's LOG_LEVEL=warn) the line would be dropped: not even built.
    if (!log.isLevelEnabled('info')) return next();
    res.once('finish', () => {
      const persisted = persistedQueryLocals(res).persistedQuery;
      log.info(
        {
          requestId: routerLocals(res).requestId,
          method: req.method,
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          clientName,
          clientVersion,
          operationName: operationNameOf(req) ?? persisted?.name,
          ...(persisted ? { persistedQueryId: persisted.id } : {}),
          ...(routerLocals(res).viewer?.apiKeyId
            ? { apiKeyId: routerLocals(res).viewer?.apiKeyId }
            : {}),
        },
        'graphql request',
      );
    });
    next();
  };
}

function operationNameOf(req: Request): string | undefined {
  const name = req.method === 'GET' ? req.query.operationName : req.body?.operationName;
  return typeof name === 'string' && name !== '' ? name.slice(0, 200) : undefined;
}
