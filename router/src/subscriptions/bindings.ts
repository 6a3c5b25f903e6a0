import { ENTITY_CHANGES_LINK_URL, FOLLOWS_DIRECTIVE_NAME } from '@travel/entity-changes';
import {
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  Kind,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  parse,
  print,
  type TypeNode,
} from 'graphql';
import { linkedDirectiveName, stringOf } from './linked-directive.ts';

/** A Subscription field's `@follows` binding, ready to serve (see @travel/entity-changes). */
export interface SubscriptionBinding {
  field: string;
  /** The entity type whose changes it delivers. */
  entity: string;
  /** The audience key a subscriber follows, from its arguments and user id. */
  audience: AudienceTemplate;
  /** The root Query field re-reading the entity by `id`. */
  read: string;
  /** The query asked once when subscribing, as the subscriber; none: signed in is enough. */
  authorize?: AuthorizeQuery;
}

export interface AudienceTemplate {
  text: string;
  /** Whether it names `{viewer}`, the subscriber's user id. */
  needsViewer: boolean;
  render(args: Readonly<Record<string, unknown>>, viewerId: string | undefined): string;
}

export interface AuthorizeQuery {
  document: DocumentNode;
  source: string;
  /** The field's arguments it takes as variables. */
  variables: readonly string[];
}

export interface BindingsLog {
  warn(details: object, message: string): void;
}

/**
 * Every Subscription field bound with `@follows`, read from the supergraph (the way
 * gateway/subgraphs.ts reads `join__Graph`): field name → binding. The directive's name is the
 * one the supergraph's `@link` of the entity-changes URL imports. A binding that does not make
 * sense (an unknown argument, a re-read that does not parse) is logged and not served.
 */
export function readBindings(
  supergraphSdl: string,
  log?: BindingsLog,
): Map<string, SubscriptionBinding> {
  const document = parse(supergraphSdl, { noLocation: true });
  const bindings = new Map<string, SubscriptionBinding>();
  const name = linkedDirectiveName(document, ENTITY_CHANGES_LINK_URL, FOLLOWS_DIRECTIVE_NAME);
  if (!name) return bindings;
  const roots = rootTypeNames(document);
  for (const definition of document.definitions) {
    if (!isObjectNamed(definition, roots.subscription)) continue;
    for (const field of definition.fields ?? []) {
      const directive = field.directives?.find((d) => d.name.value === name);
      if (!directive) continue;
      try {
        bindings.set(field.name.value, toBinding(document, roots.query, field, directive));
      } catch (error) {
        log?.warn({ err: error, field: field.name.value }, 'subscription binding not served');
      }
    }
  }
  return bindings;
}

function toBinding(
  document: DocumentNode,
  queryType: string,
  field: FieldDefinitionNode,
  directive: ConstDirectiveNode,
): SubscriptionBinding {
  const arg = (key: string) =>
    stringOf(directive.arguments?.find((a) => a.name.value === key)?.value);
  const entity = arg('entity');
  const audience = arg('audience');
  const read = arg('read');
  if (!entity || !audience || !read) throw new Error('@follows needs entity, audience and read');
  const argTypes = new Map((field.arguments ?? []).map((a) => [a.name.value, a.type]));
  const authorize = arg('authorize');
  return {
    field: field.name.value,
    entity,
    read,
    audience: audienceTemplate(audience, argTypes),
    ...(authorize ? { authorize: authorizeQuery(document, queryType, authorize, argTypes) } : {}),
  };
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function audienceTemplate(text: string, argTypes: Map<string, TypeNode>): AudienceTemplate {
  const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
  for (const name of names) {
    if (name !== 'viewer' && !argTypes.has(name)) throw new Error(`unknown argument {${name}}`);
  }
  return {
    text,
    needsViewer: names.includes('viewer'),
    render: (args, viewerId) =>
      text.replace(PLACEHOLDER, (_m, name: string) =>
        name === 'viewer' ? String(viewerId) : String(args[name]),
      ),
  };
}

/** `order(id: $id)` → `query SubscriptionAuthorization($id: ID!) { allowed: order(id: $id) { __typename } }`. */
function authorizeQuery(
  document: DocumentNode,
  queryType: string,
  call: string,
  argTypes: Map<string, TypeNode>,
): AuthorizeQuery {
  const variables = [
    ...new Set([...call.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string)),
  ];
  const declared = variables.map((name) => {
    const type = argTypes.get(name);
    if (!type) throw new Error(`unknown argument $${name}`);
    return `$${name}: ${print(type)}`;
  });
  const fieldName = /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(call)?.[1];
  if (!fieldName) throw new Error(`authorize is not a field call: ${call}`);
  const selection = isComposite(document, queryType, fieldName) ? ' { __typename }' : '';
  const head = declared.length > 0 ? `(${declared.join(', ')})` : '';
  const parsed = parse(`query SubscriptionAuthorization${head} { allowed: ${call}${selection} }`);
  return { document: parsed, source: print(parsed), variables };
}

/** Whether the Query field returns an object, interface or union (needs a selection). */
function isComposite(document: DocumentNode, queryType: string, fieldName: string): boolean {
  let returned: string | undefined;
  for (const definition of document.definitions) {
    if (!isObjectNamed(definition, queryType)) continue;
    const field = definition.fields?.find((f) => f.name.value === fieldName);
    if (field) returned = namedType(field.type);
  }
  if (!returned) throw new Error(`no Query field ${fieldName}`);
  return document.definitions.some(
    (d) =>
      (d.kind === Kind.OBJECT_TYPE_DEFINITION ||
        d.kind === Kind.INTERFACE_TYPE_DEFINITION ||
        d.kind === Kind.UNION_TYPE_DEFINITION) &&
      d.name.value === returned,
  );
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function rootTypeNames(document: DocumentNode) {
  const roots = { query: 'Query', subscription: 'Subscription' };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION) continue;
    for (const op of definition.operationTypes) {
      if (op.operation === 'query') roots.query = op.type.name.value;
      if (op.operation === 'subscription') roots.subscription = op.type.name.value;
    }
  }
  return roots;
}

function isObjectNamed(
  definition: DefinitionNode,
  name: string,
): definition is ObjectTypeDefinitionNode | ObjectTypeExtensionNode {
  return (
    (definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
      definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
    definition.name.value === name
  );
}
