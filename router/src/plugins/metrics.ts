import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import {
  createBoundedSet,
  type OperationLabels,
  OTHER,
  requestMetricsPlugin,
  sanitizeLabel,
} from '@travel/metrics';
import type { DocumentNode } from 'graphql';
import type { Registry } from 'prom-client';
import type { RouterContext } from '../context.ts';
import type { ListedOperation } from '../persisted-queries/manifest.ts';
import { sha256Hex } from '../sha256.ts';

export interface OperationLabelerOptions {
  /** The persisted query lists in service: a listed operation is labelled by its listed name. */
  list: { get(id: string): ListedOperation | undefined };
  /** METRICS_MAX_UNLISTED_OPERATIONS: (name, client) pairs of unlisted operations; default 100. */
  maxUnlistedOperations?: number;
}

/**
 * The `operation_name` and `client_name` labels of one operation, for every path that answers
 * one (the full pipeline and the response cache's fast path), so both share one bound.
 * Operation names come from clients: a listed operation is named as its list names it (the
 * lists are ours, so bounded); an unlisted one by its name while fewer than
 * `maxUnlistedOperations` (name, client) pairs have been seen, else `other`. No name:
 * `anonymous`. The client name is the one `requestLog` bounded.
 */
export type OperationLabeler = (
  /** The operation's text, when known. */
  source: string | undefined,
  name: string | null | undefined,
  clientName: string | undefined,
  /** The text's sha256 when the caller has it already (saves hashing it again). */
  sourceId?: string,
) => OperationLabels;

export function createOperationLabeler(options: OperationLabelerOptions): OperationLabeler {
  const unlisted = createBoundedSet(options.maxUnlistedOperations ?? 100);
  return (source, operationName, clientName, sourceId) => {
    const client = clientName ?? 'unknown';
    // Listed ids are the sha256 of the body. Not Apollo's queryHash: the response cache
    // re-plans under another hash by then.
    const id = sourceId ?? (source ? sha256Hex(source) : undefined);
    const listed = id ? options.list.get(id) : undefined;
    if (listed) return { operation_name: sanitizeLabel(listed.name, OTHER), client_name: client };
    const name = sanitizeLabel(operationName ?? undefined, 'anonymous');
    const admitted = unlisted.admit(`${name}\n${client}`);
    return { operation_name: admitted ? name : OTHER, client_name: client };
  };
}

export interface MetricsPluginOptions {
  registry: Registry;
  /** Labels of each operation (createOperationLabeler). */
  labeler: OperationLabeler;
}

/**
 * Times every GraphQL operation into `graphql_request_duration_seconds{operation_name,
 * client_name,outcome}` and counts error responses by code (`@travel/metrics`), labelled by
 * `labeler`.
 */
export function metricsPlugin(options: MetricsPluginOptions): ApolloServerPlugin<RouterContext> {
  const labelsOf = ({
    source,
    operationName,
    document,
    request,
    contextValue,
  }: GraphQLRequestContextWillSendResponse<RouterContext>): OperationLabels =>
    // The resolved name; before resolution (a validation error) the document's or the claimed.
    options.labeler(
      source,
      operationName ?? request.operationName ?? soleOperationName(document),
      contextValue.clientName,
    );
  return requestMetricsPlugin<RouterContext>({
    registry: options.registry,
    operationLabels: labelsOf,
  });
}

/** The name of a document's only operation, if it has exactly one. */
function soleOperationName(document: DocumentNode | undefined): string | undefined {
  const operations = document?.definitions.filter((d) => d.kind === 'OperationDefinition') ?? [];
  const [only] = operations;
  return operations.length === 1 && only?.kind === 'OperationDefinition'
    ? only.name?.value
    : undefined;
}
