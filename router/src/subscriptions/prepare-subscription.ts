import { AppError, type ErrorCode } from '@travel/errors';
import {
  type DocumentNode,
  type FieldNode,
  GraphQLError,
  type GraphQLSchema,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  specifiedRules,
  type ValidationRule,
  validate,
} from 'graphql';
import type { CheckOperationCost } from '../demand-control/demand-control.ts';
import {
  type OperationRequest,
  operationText,
  type PersistedOperationPolicy,
} from '../request-pipeline/persisted-operation.ts';
import type { SubscriptionDocuments } from './document-cache.ts';

/** What a subscribe message (graphql-ws) or a streamed HTTP request (multipart, SSE) carries. */
export interface SubscribeRequest extends OperationRequest {
  query?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export interface PreparedSubscription {
  /** The text that runs (a listed id's body, or the text sent). */
  text: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The one root field of the subscription (validation guarantees there is exactly one). */
  root: FieldNode;
  /** Its arguments, coerced (`orderUpdated(id: $id)` → `{ id: '…' }`). */
  args: Record<string, unknown>;
  /** The variables as the client sent them (the gateway coerces them again). */
  variables: Record<string, unknown>;
  /** Demand control's estimate (what rate limits spend); undefined when not costed. */
  cost: number | undefined;
}

export interface PrepareOptions {
  /** The API schema in service. */
  schema: GraphQLSchema;
  /** Extra validation rules: the same limits as over HTTP (depth, aliases, cost …). */
  rules: readonly ValidationRule[];
  /**
   * Demand control's check, as over HTTP: an operation over the maximum cost is refused
   * (COST_ESTIMATED_TOO_EXPENSIVE). None: not costed.
   */
  checkCost?: CheckOperationCost;
  /** Lexical tokens a document may have (as over HTTP). */
  maxTokens: number;
  /** Persisted query lists and mode, as over HTTP. None: the text sent is run. */
  persisted?: PersistedOperationPolicy;
  /** Texts parsed and validated against `schema` before; none: every text is parsed anew. */
  documents?: Pick<SubscriptionDocuments, 'get' | 'set'>;
}

/**
 * Everything about a subscription request that needs no I/O, before anything else happens,
 * the same for every transport: the persisted query decision (a partner runs listed
 * operations only, by id, as over HTTP), parse (token limit), validate against the API schema
 * with the HTTP rules, pick the operation, coerce variables and the root field's arguments,
 * estimate the cost. Errors are returned, not thrown: each transport answers them (graphql-ws
 * as the operation's `error`, multipart as a 4xx answer, SSE as the stream's one result), and
 * the connection stays open. Messages are graphql-js's own; the router's one formatter strips
 * their schema hints outside development, as over HTTP.
 */
export function prepareSubscription(
  request: SubscribeRequest,
  options: PrepareOptions,
  caller: { partner: boolean } = { partner: false },
): PreparedSubscription | readonly GraphQLError[] {
  const { schema } = options;
  const text = options.persisted
    ? operationText(request, options.persisted, caller.partner)
    : (request.query ?? '');
  if (typeof text !== 'string') return [text];
  const document = options.documents?.get(text) ?? parseAndValidate(text, options);
  if (!('kind' in document)) return document;
  const operation = getOperationAST(document, request.operationName ?? undefined);
  if (!operation) return [badRequest('Could not tell which operation to run')];
  if (operation.operation !== 'subscription') {
    return [badRequest('Streams serve subscriptions; send queries and mutations as plain HTTP')];
  }
  const variables = request.variables ?? {};
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return coerced.errors.map((e) => new AppError(e.message, 'BAD_USER_INPUT'));
  let cost: number | undefined;
  try {
    cost = options.checkCost?.({ schema, document, operation, variables });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    // `extensions.http` is Apollo's status of an HTTP answer; streams map codes themselves.
    const { http: _status, ...extensions } = error.extensions;
    return [new GraphQLError(error.message, { extensions })];
  }

  const root = rootField(document, operation.selectionSet);
  const definition = root && schema.getSubscriptionType()?.getFields()[root.name.value];
  if (!root || !definition) return [badRequest('The subscription selects no field')];
  try {
    const args = getArgumentValues(definition, root, coerced.coerced);
    return { text, document, operation, root, args, variables, cost };
  } catch (error) {
    return [
      new AppError(error instanceof Error ? error.message : 'Bad arguments', 'BAD_USER_INPUT'),
    ];
  }
}

/** A text's document once it parsed (token limit) and validated (the HTTP rules); remembered. */
function parseAndValidate(
  text: string,
  options: PrepareOptions,
): DocumentNode | readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(text, { maxTokens: options.maxTokens });
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'Invalid document';
    return [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
  }
  const invalid = validate(options.schema, document, [...specifiedRules, ...options.rules]);
  if (invalid.length > 0) {
    return invalid.map(
      (e) =>
        new GraphQLError(e.message, {
          nodes: e.nodes,
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' satisfies ErrorCode },
        }),
    );
  }
  options.documents?.set(text, document);
  return document;
}

/** The first field of a selection set, looking through fragments (validation allows one). */
function rootField(document: DocumentNode, selectionSet: SelectionSetNode): FieldNode | undefined {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) return selection;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const field = rootField(document, selection.selectionSet);
      if (field) return field;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = document.definitions.find(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
      );
      const field =
        fragment?.kind === Kind.FRAGMENT_DEFINITION && rootField(document, fragment.selectionSet);
      if (field) return field;
    }
  }
  return undefined;
}

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } });
}
