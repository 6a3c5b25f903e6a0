import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLDataSource } from '@apollo/gateway';
import type { OperationContext } from '@apollo/gateway/dist/operationContext.js';
import { QueryPlanner } from '@apollo/query-planner';
import type { Logger } from '@travel/logger';
import { GraphQLError, type GraphQLSchema, getVariableValues } from 'graphql';
import type { RouterContext } from '../../context.ts';
import { executeIntrospection } from './introspection.ts';
import { executeNode, type GatewayRequestContext, type PlanExecution } from './plan-execution.ts';
import { createPreparedOperations, type PreparedOperations } from './prepared-operations.ts';
import type { ShapedResponse } from './result-shaping.ts';

type Executor = (requestContext: GatewayRequestContext) => ReturnType<StockExecutor>;
type StockExecutor = import('@apollo/gateway').ApolloGateway['executor'];

export interface PlanExecutorOptions {
  /** @apollo/gateway's own executor, for what this one leaves to it (`@defer`, traces). */
  stock: StockExecutor;
  /** The data source of each subgraph, by name (the gateway's, as `buildService` made them). */
  services: ReadonlyMap<string, GraphQLDataSource>;
  log: Pick<Logger, 'error'>;
  /** Called with the representations a fetch did not send, being identical to one it sent. */
  onRepresentationsDeduplicated(subgraph: string, count: number): void;
  /** Called with the calls not made, their fetches batched into another call to `subgraph`. */
  onFetchesBatched(subgraph: string, count: number): void;
}

export interface PlanExecutor {
  executor: Executor;
  /** The gateway's `onSchemaLoadOrUpdate` listener: plans against the new supergraph. */
  onSchemaLoadOrUpdate(update: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }): void;
}

/** What one supergraph gives every operation planned against it. */
interface Generation {
  schema: GraphQLSchema;
  supergraphSchema: GraphQLSchema;
  prepared: PreparedOperations;
}

/**
 * Executes @apollo/gateway's query plans itself (DESIGN decision 13): the same planner, data
 * sources, merging, errors and result shaping as the stock executor, with everything a
 * document determines (operation context, plan, shaping operation) computed once per
 * document, no trace or span objects, each distinct entity representation sent once, and a
 * `Parallel` step's entity fetches to one subgraph sent as one call.
 * Operations asking for Apollo usage traces and plans with `@defer` go to the stock executor.
 */
export function createPlanExecutor(options: PlanExecutorOptions): PlanExecutor {
  const { stock, services, log, onRepresentationsDeduplicated, onFetchesBatched } = options;
  let current: Generation | undefined;

  async function executor(requestContext: GatewayRequestContext) {
    const generation = current;
    const { request, document, queryHash } = requestContext;
    if (!generation || !queryHash || requestContext.metrics?.captureTraces) {
      return stock(requestContext);
    }
    const prepared = generation.prepared.get(
      queryHash,
      document,
      request.operationName ?? undefined,
      generation.schema,
    );
    const { operationContext } = prepared;
    const definitions = operationContext.operation.variableDefinitions;
    if (definitions && !checkedBefore(requestContext, operationContext)) {
      const { errors } = getVariableValues(
        operationContext.schema,
        definitions,
        request.variables || {},
      );
      if (errors) return { errors };
    }
    const { root, shaping, shape, supported } = prepared.planned();
    if (!supported) return stock(requestContext);
    if (shaping instanceof GraphQLError) return { errors: [shaping] };
    if (shaping instanceof Error || !shape) throw shaping;

    const execution: PlanExecution = {
      requestContext,
      operation: shaping,
      supergraphSchema: generation.supergraphSchema,
      services,
      errors: [],
      onRepresentationsDeduplicated,
      onFetchesBatched,
    };
    const unfiltered = Object.create(null);
    if (root)
      await executeNode(execution, root, { path: [], data: unfiltered, fullResult: unfiltered });
    const { errors } = execution;
    const variables = request.variables;
    let shaped: ShapedResponse;
    try {
      shaped = shape(unfiltered, variables, (field) =>
        executeIntrospection(
          operationContext.schema,
          field.expandFragments().toSelectionNode(),
          definitions,
          variables,
        ),
      );
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      if (error instanceof Error) {
        return { errors: [new GraphQLError(error.message, { originalError: error })] };
      }
      log.error({ err: error }, 'unexpected error during query plan execution');
      return { errors: [new GraphQLError('Unexpected error during query plan execution')] };
    }
    const { data } = shaped;
    // As @apollo/gateway: shaping errors are reported (as `valueCompletion`) only when
    // execution had none, since they usually repeat one of those.
    if (errors.length === 0 && shaped.errors.length > 0) {
      return { extensions: { valueCompletion: shaped.errors }, data };
    }
    return errors.length === 0 ? { data } : { errors, data };
  }

  return {
    executor,
    onSchemaLoadOrUpdate({ apiSchema, coreSupergraphSdl }) {
      try {
        // The gateway validated this supergraph already.
        const supergraph = Supergraph.build(coreSupergraphSdl, { validateSupergraph: false });
        current = {
          schema: apiSchema,
          supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
          prepared: createPreparedOperations({
            apiSchema: supergraph.apiSchema(),
            planner: new QueryPlanner(supergraph),
          }),
        };
      } catch (error) {
        // Never plan against the previous supergraph: the stock executor serves this one.
        current = undefined;
        log.error({ err: error }, 'query plans of the new supergraph left to @apollo/gateway');
      }
    },
  };
}

/**
 * Whether demand control coerced these very variables for this operation and schema without
 * error (context.ts `validVariables`): coercing them again would find the same.
 */
function checkedBefore(
  requestContext: GatewayRequestContext,
  { schema, operation }: Pick<OperationContext, 'schema' | 'operation'>,
): boolean {
  const valid = (requestContext.context as Partial<RouterContext> | undefined)?.validVariables;
  return (
    valid !== undefined &&
    valid.schema === schema &&
    valid.operation === operation &&
    valid.variables === requestContext.request.variables
  );
}
