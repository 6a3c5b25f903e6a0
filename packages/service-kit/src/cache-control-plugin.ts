import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type ConstDirectiveNode,
  defaultFieldResolver,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isObjectType,
} from 'graphql';
import type { CacheHint } from './cache-control.ts';

type Scope = 'PUBLIC' | 'PRIVATE';

/** A cache policy being narrowed: Apollo's `CachePolicy`, which `info.cacheControl` exposes. */
class Policy {
  maxAge: number | undefined = undefined;
  scope: Scope | undefined = undefined;
  restrict(hint: CacheHint): void {
    if (hint.maxAge !== undefined && (this.maxAge === undefined || hint.maxAge < this.maxAge)) {
      this.maxAge = hint.maxAge;
    }
    if (hint.scope !== undefined && this.scope !== 'PRIVATE') this.scope = hint.scope;
  }
  replace(hint: CacheHint): void {
    if (hint.maxAge !== undefined) this.maxAge = hint.maxAge;
    if (hint.scope !== undefined) this.scope = hint.scope;
  }
}

const REQUEST_POLICY = Symbol('travel.cachePolicy');
const INSTRUMENTED = Symbol('travel.cacheControlInstrumented');

/**
 * Apollo Server's cache control (`@cacheControl` hints → `Cache-Control: max-age=N, public |
 * private`, `no-store` otherwise), computed the same way at a fraction of the cost. Apollo's
 * plugin hooks `willResolveField`, which makes Apollo wrap every resolver of the schema and
 * allocate a policy, closures and a promise callback per resolved field. Here the hint a
 * field contributes is worked out once per schema; a field that contributes nothing (a
 * scalar without a hint, below the root) is not wrapped at all, the others add a constant.
 *
 * Dynamic hints (`info.cacheControl`) are offered to root fields, whose policy is settled
 * when their result is, as Apollo does: `_entities` (@apollo/subgraph) restricts its policy
 * by the type of each representation. Resolvers below the root get none.
 * Install it with `ApolloServerPluginCacheControlDisabled()`.
 */
export function cacheControlPlugin<Ctx extends BaseContext>(): ApolloServerPlugin<Ctx> {
  return {
    async serverWillStart({ schema }) {
      instrument(schema);
    },
    async requestDidStart({ contextValue }) {
      const overall = new Policy();
      (contextValue as Record<symbol, Policy>)[REQUEST_POLICY] = overall;
      return {
        async willSendResponse({ response }) {
          const policy = new Policy();
          policy.replace(overall);
          const existing = response.http.headers.get('cache-control');
          if (existing !== undefined) {
            if (existing === 'no-store') return;
            const match = CACHEABLE.exec(existing);
            // Another plugin's header we can not read: left as it is, as Apollo does.
            if (!match) return;
            policy.restrict({
              maxAge: Number(match[1]),
              scope: match[2] === 'public' ? 'PUBLIC' : 'PRIVATE',
            });
          }
          const cacheable =
            policy.maxAge !== undefined &&
            policy.maxAge !== 0 &&
            response.body.kind === 'single' &&
            !response.body.singleResult.errors;
          response.http.headers.set(
            'cache-control',
            cacheable
              ? `max-age=${policy.maxAge}, ${(policy.scope ?? 'PUBLIC').toLowerCase()}`
              : 'no-store',
          );
        },
      };
    },
  };
}

const CACHEABLE = /^max-age=(\d+), (public|private)$/;

/** Wraps the resolvers that contribute a hint, once per schema. */
function instrument(schema: GraphQLSchema): void {
  const marked = schema as GraphQLSchema & { [INSTRUMENTED]?: true };
  if (marked[INSTRUMENTED]) return;
  marked[INSTRUMENTED] = true;
  const roots = new Set([
    schema.getQueryType(),
    schema.getMutationType(),
    schema.getSubscriptionType(),
  ]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const hint = fieldHint(field);
      const below = belowRoot(hint);
      if (!roots.has(type) && below.maxAge === undefined && below.scope === undefined) continue;
      field.resolve = wrap(field.resolve ?? defaultFieldResolver, hint, below);
    }
  }
}

interface FieldHint {
  /** The field's policy before its resolver runs: its type's hint, then its own. */
  start: CacheHint;
  /** Leave maxAge unset when the resolver sets none (inherit it from the parent). */
  inherits: boolean;
  composite: boolean;
}

function wrap(
  resolve: GraphQLFieldResolver<unknown, unknown>,
  hint: FieldHint,
  below: CacheHint,
): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, contextValue, info) => {
    const overall = (contextValue as Record<symbol, Policy | undefined> | null)?.[REQUEST_POLICY];
    if (overall === undefined) return resolve(source, args, contextValue, info);
    if (info.path.prev !== undefined) {
      overall.restrict(below);
      return resolve(source, args, contextValue, info);
    }
    const policy = new Policy();
    policy.replace(hint.start);
    (info as { cacheControl?: unknown }).cacheControl = {
      setCacheHint: replacing(policy),
      cacheHint: policy,
      cacheHintFromType: typeHint,
    };
    try {
      const result = resolve(source, args, contextValue, info);
      whenSettled(result, () => settleRoot(policy, overall));
      return result;
    } catch (error) {
      settleRoot(policy, overall);
      throw error;
    }
  };
}

// Unnamed closures made by functions, not named ones in `wrap`: tsx (esbuild's keepNames)
// names every function bound to a name, which costs a defineProperty per root field.
function replacing(policy: Policy): (dynamic: CacheHint) => void {
  return (dynamic) => policy.replace(dynamic);
}

/** A root field's policy, once its result settled, narrows the request's. */
function settleRoot(policy: Policy, overall: Policy): void {
  // Unset at the root: 0, whatever the type (Apollo's default max age).
  if (policy.maxAge === undefined) policy.restrict({ maxAge: 0 });
  overall.restrict(policy);
}

/** What a field adds below the root: a composite without a max age (not inheriting) gets 0. */
function belowRoot({ start, inherits, composite }: FieldHint): CacheHint {
  if (start.maxAge === undefined && composite && !inherits) return { ...start, maxAge: 0 };
  return start;
}

function fieldHint(field: GraphQLField<unknown, unknown>): FieldHint {
  const start = new Policy();
  let inherits = false;
  const target = getNamedType(field.type);
  const composite = isCompositeType(target);
  if (composite) {
    const ofType = typeHint(target);
    start.replace(ofType);
    inherits = ofType.inheritMaxAge === true;
  }
  const own = hintOf(field.astNode?.directives) ?? {};
  if (own.inheritMaxAge && start.maxAge === undefined) {
    inherits = true;
    if (own.scope) start.replace({ scope: own.scope });
  } else {
    start.replace(own);
  }
  const hint: CacheHint = {};
  if (start.maxAge !== undefined) hint.maxAge = start.maxAge;
  if (start.scope !== undefined) hint.scope = start.scope;
  return { start: hint, inherits, composite };
}

/**
 * A type's own hint, read from its SDL once: `_entities` asks for it for every representation
 * (`cacheHintFromType`). Callers only read the answer.
 */
function typeHint(type: GraphQLCompositeType): CacheHint {
  let hint = typeHints.get(type);
  if (hint === undefined) {
    hint = Object.freeze(readTypeHint(type));
    typeHints.set(type, hint);
  }
  return hint;
}

const typeHints = new WeakMap<GraphQLCompositeType, CacheHint>();

function readTypeHint(type: GraphQLCompositeType): CacheHint {
  const fromType = hintOf(type.astNode?.directives);
  if (fromType) return fromType;
  for (const node of type.extensionASTNodes) {
    const hint = hintOf(node.directives);
    if (hint) return hint;
  }
  return {};
}

/** `@cacheControl(maxAge, scope, inheritMaxAge)` as Apollo reads it from the SDL. */
function hintOf(directives: readonly ConstDirectiveNode[] | undefined): CacheHint | undefined {
  const directive = directives?.find((d) => d.name.value === 'cacheControl');
  if (!directive?.arguments) return undefined;
  const arg = (name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;
  const scopeArg = arg('scope');
  const scopeName = scopeArg?.kind === 'EnumValue' ? scopeArg.value : undefined;
  const scope = scopeName === 'PUBLIC' || scopeName === 'PRIVATE' ? scopeName : undefined;
  const inherit = arg('inheritMaxAge');
  if (inherit?.kind === 'BooleanValue' && inherit.value) {
    return scope ? { inheritMaxAge: true, scope } : { inheritMaxAge: true };
  }
  const maxAge = arg('maxAge');
  const hint: CacheHint = {};
  if (maxAge?.kind === 'IntValue') hint.maxAge = Number.parseInt(maxAge.value, 10);
  if (scope) hint.scope = scope;
  return hint;
}

/** Calls `settle` once `result` (a value, a promise, a list of promises) has settled. */
function whenSettled(result: unknown, settle: () => void): void {
  if (isPromiseLike(result)) {
    result.then((value) => whenSettled(value, settle), settle);
  } else if (Array.isArray(result) && result.some(isPromiseLike)) {
    Promise.all(result).then(settle, settle);
  } else {
    settle();
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
