import type { Logger } from '@travel/logger';
import type { Request, RequestHandler } from 'express';
import { Counter, type Registry } from 'prom-client';
import { routerLocals } from '../context.ts';
import { persistedQueryLocals } from '../persisted-queries/persisted-documents.ts';

const MAX_LABEL_LENGTH = 64;

/**
 * A client-supplied header as a metric label: characters outside `[\w.-]` become `_`, at most
 * 64 characters, `unknown` when absent or empty. Labels end up in Prometheus series names.
 */
export function clientLabel(header: string | string[] | undefined): string {
  const value = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  const label = value.replace(/[^\w.-]/g, '_').slice(0, MAX_LABEL_LENGTH);
  return label === '' ? 'unknown' : label;
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
 * Headers are caller-controlled: labels are sanitized and their number bounded.
 */
export function requestLog({ log, registry, maxClients = 200 }: RequestLogOptions): RequestHandler {
  const requests = new Counter({
    name: 'graphql_client_requests_total',
    help: 'GraphQL requests by apollographql-client-name and -version',
    labelNames: ['client_name', 'client_version'] as const,
    registers: [registry],
  });
  const seen = new Set<string>();
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    let clientName = clientLabel(req.headers['apollographql-client-name']);
    let clientVersion = clientLabel(req.headers['apollographql-client-version']);
    const pair = `${clientName}\n${clientVersion}`;
    if (!seen.has(pair)) {
      if (seen.size >= maxClients) [clientName, clientVersion] = ['other', 'other'];
      else seen.add(pair);
    }
    requests.inc({ client_name: clientName, client_version: clientVersion });
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
