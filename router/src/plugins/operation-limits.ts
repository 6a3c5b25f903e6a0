import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
}

/**
 * graphql-armor's limits as validation rules (depth, aliases, directives): checked before a
 * query plan exists, so a refused operation never reaches a subgraph, and answered 400 naming
 * the limit and the value found. Fragments are flattened, so spreading one costs nothing.
 * Cost is not here: a validation rule can not see the variables (`first: $n`), so
 * demand-control/ estimates it once they are known.
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { enabled: false },
    // Apollo's `parseOptions.maxTokens` refuses with a 400 parse error; armor's answers 500.
    maxTokens: { enabled: false },
    // Its plugin rewrites every error's message and throws on a read-only one (a fetch
    // timeout's DOMException), failing the whole request. Apollo's
    // `hideSchemaDetailsFromClientErrors` hides suggestions instead (see server.ts).
    blockFieldSuggestion: { enabled: false },
  }).protect().validationRules;
}
