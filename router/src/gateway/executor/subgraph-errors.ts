import { ERRORS, errorCodeDef } from '@apollo/federation-internals';
import type { ResponsePath } from '@apollo/query-planner';
import { GraphQLError, type GraphQLErrorOptions, type GraphQLFormattedError } from 'graphql';
import type { ResultMap } from './plan-execution.ts';

type ErrorPath = GraphQLErrorOptions['path'];

/**
 * A subgraph's error as the client sees it, as @apollo/gateway's `downstreamServiceError`
 * makes it: its message, path and extensions kept, `serviceName` added, a known code kept
 * (else DOWNSTREAM_SERVICE_ERROR).
 */
export function downstreamError(
  original: GraphQLFormattedError,
  serviceName: string,
  path: ErrorPath,
): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const { extensions } = original;
  const options: GraphQLErrorOptions = {
    originalError: original as Error,
    path,
    extensions: { ...extensions, serviceName },
  };
  const codeDef = errorCodeDef(original);
  if (!codeDef && extensions?.code) return new GraphQLError(message, options);
  return (codeDef ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}

/**
 * The paths, in the client's response, of the entities at `path` (`["a", "@", "b"]`), in the
 * order their representations were built: what an `_entities` error index points at.
 */
export function hydratedPaths(path: ResponsePath, fullResult: ResultMap): ResponsePath[] {
  const result: ResponsePath[] = [];
  hydrate([], path, fullResult, result);
  return result;
}

/** @apollo/gateway's `generateHydratedPaths`. */
function hydrate(
  parent: ResponsePath,
  path: ResponsePath,
  data: ResultMap | null | undefined,
  result: ResponsePath[],
): void {
  if (data == null) return;
  const head = path[0];
  if (head == null) {
    result.push(parent.slice());
  } else if (head === '@' || (typeof head === 'string' && Array.isArray(data))) {
    if (!Array.isArray(data)) throw new Error('expected array when encountering `@`');
    const rest = head === '@' ? path.slice(1) : path;
    data.forEach((value, i) => {
      parent.push(i);
      hydrate(parent, rest, value, result);
      parent.pop();
    });
  } else if (typeof head === 'string') {
    if (Object.hasOwn(data, head)) {
      parent.push(head);
      hydrate(parent, path.slice(1), data[head], result);
      parent.pop();
    }
  } else {
    throw new Error(`unknown path part "${head}"`);
  }
}
