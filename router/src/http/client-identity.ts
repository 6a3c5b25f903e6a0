import type { IncomingMessage } from 'node:http';
import type { Logger } from '@travel/logger';
import { createBoundedSet, OTHER, sanitizeLabel } from '@travel/metrics';
import { Counter, type Registry } from 'prom-client';
import type { RequestState, Step } from './request-state.ts';
import { searchOf } from './request-url.ts';

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
 * name it settled on is left in the request's state for the per-operation metrics.
 */
export function requestLog({ log, registry, maxClients = 200 }: RequestLogOptions): Step {
  const requests = new Counter({
    name: 'graphql_client_requests_total',
    help: 'GraphQL requests by apollographql-client-name and -version',
    labelNames: ['client_name', 'client_version'] as const,
    registers: [registry],
  });
  const clients = createBoundedSet(maxClients);
  return (req, res, state) => {
    let clientName = clientLabel(req.headers['apollographql-client-name']);
    let clientVersion = clientLabel(req.headers['apollographql-client-version']);
    if (!clients.admit(`${clientName}\n${clientVersion}`))
      [clientName, clientVersion] = [OTHER, OTHER];
    state.clientName = clientName;
    requests.inc({ client_name: clientName, client_version: clientVersion });
    // Below `info` (production's LOG_LEVEL=warn) the line would be dropped: not even built.
    if (!log.isLevelEnabled('info')) return 'next';
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const persisted = state.persistedQuery;
      log.info(
        {
          requestId: state.requestId,
          method: req.method,
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          clientName,
          clientVersion,
          operationName: operationNameOf(req, state) ?? persisted?.name,
          ...(persisted ? { persistedQueryId: persisted.id } : {}),
          ...(state.viewer?.apiKeyId ? { apiKeyId: state.viewer.apiKeyId } : {}),
        },
        'graphql request',
      );
    });
    return 'next';
  };
}

/** The operation name a GET's search or a POST's JSON body gives (read when it is logged). */
function operationNameOf(req: IncomingMessage, state: RequestState): string | undefined {
  const name =
    req.method === 'GET'
      ? searchOf(req.url).get('operationName')
      : (state.body as { operationName?: unknown } | undefined)?.operationName;
  return typeof name === 'string' && name !== '' ? name.slice(0, 200) : undefined;
}
