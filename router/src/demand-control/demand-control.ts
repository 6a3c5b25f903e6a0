import type { ApolloServerPlugin } from '@apollo/server';
import { AppError } from '@travel/errors';
import {
  type DocumentNode,
  type GraphQLSchema,
  getVariableValues,
  type OperationDefinitionNode,
} from 'graphql';
import type { RouterContext } from '../context.ts';
import { NO_COST_DIRECTIVES, readCostDirectives } from './cost-directives.ts';
import { createCostMemo } from './cost-memo.ts';

export interface DemandControlOptions {
  /** Largest estimated cost an operation may have (MAX_COST; default 10000). */
  maxCost: number;
  /** Size of a list the subgraphs declare no `@listSize` for (DEFAULT_LIST_SIZE; default 100). */
  defaultListSize: number;
}

export interface OperationToCost {
  /** The API schema the operation was validated against. */
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The variables as the client sent them; coerced here. */
  variables: Readonly<Record<string, unknown>> | null | undefined;
}

/**
 * Estimates an operation's cost and refuses it over `maxCost`: returns the estimate, or throws
 * COST_ESTIMATED_TOO_EXPENSIVE (HTTP 400, `extensions.cost: { estimated, max }`). Undefined
 * when the variables do not coerce: execution refuses those before any subgraph is called.
 */
export type CheckOperationCost = (operation: OperationToCost) => number | undefined;

export interface DemandControl {
  /** The one check, for every transport (HTTP through the plugin, WebSocket directly). */
  check: CheckOperationCost;
  /**
   * Reads `@cost`/`@listSize` from each supergraph the gateway loads, and checks every
   * operation in `didResolveOperation`: variables are known there, and no plan exists yet.
   * Leaves the estimate in `contextValue.operationCost` for the rate limits, and the variables
   * found valid in `contextValue.validVariables` for the plan executor.
   */
  plugin: ApolloServerPlugin<RouterContext>;
}

/** Demand control (DESIGN decision 12), on the model of Apollo Router's static estimate. */
export function createDemandControl({
  maxCost,
  defaultListSize,
}: DemandControlOptions): DemandControl {
  // One memo per supergraph: its estimates hold for its declarations only.
  const memoFor = (sdl: string | undefined) =>
    createCostMemo({
      directives: sdl ? readCostDirectives(sdl) : NO_COST_DIRECTIVES,
      defaultListSize,
    });
  let estimate = memoFor(undefined);

  const check: CheckOperationCost = ({ schema, document, operation, variables }) => {
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], {
      ...variables,
    });
    if (coerced.errors) return undefined;
    const estimated = estimate(schema, document, operation, coerced.coerced);
    if (estimated > maxCost) throw tooExpensive(estimated, maxCost);
    return estimated;
  };

  return {
    check,
    plugin: {
      async serverWillStart() {
        return {
          schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
            estimate = memoFor(coreSupergraphSdl);
          },
        };
      },
      async requestDidStart() {
        return {
          async didResolveOperation({ schema, document, operation, request, contextValue }) {
            // Apollo refuses a document without the named operation before this hook.
            if (!operation) return;
            const { variables } = request;
            const cost = check({ schema, document, operation, variables });
            if (cost === undefined) return;
            contextValue.operationCost = cost;
            // Coerced without error: execution need not coerce them again.
            contextValue.validVariables = { schema, operation, variables };
          },
        };
      },
    },
  };
}

function tooExpensive(estimated: number, max: number): AppError {
  return new AppError(
    `The operation's estimated cost ${estimated} is over the maximum of ${max}`,
    'COST_ESTIMATED_TOO_EXPENSIVE',
    { cost: { estimated, max }, http: { status: 400 } },
  );
}
