import { type ApolloServerPlugin, type GraphQLRequestContext, HeaderMap } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { RouterContext } from '../context.ts';
import {
  type CacheScope,
  cacheKeys,
  lookupScopes,
  type OperationKey,
  operationHash,
} from '../response-cache/cache-key.ts';
import { takeEntityTags, withEntityFields } from '../response-cache/entity-tags.ts';
import type { KnownOperations } from '../response-cache/known-operations.ts';
import { listTagsOf } from '../response-cache/list-tags.ts';
import type {
  CachedResponse,
  EarlierLookup,
  Lookup,
  ResponseCache,
} from '../response-cache/response-cache.ts';
import {
  createSerializedBodies,
  type SerializedBodies,
} from '../response-cache/serialized-bodies.ts';
import { sha256Hex } from '../sha256.ts';

type Context = GraphQLRequestContext<RouterContext>;

/**
 * The fast path looked up this very operation (same document hash, name, supergraph and the
 * same variables object, which Apollo Server passes on from the parsed body as it is): its
 * keys are this request's, not computed again.
 */
const sameOperation = (earlier: EarlierLookup | undefined, key: OperationKey) =>
  earlier !== undefined &&
  earlier.operation.operationHash === key.operationHash &&
  earlier.operation.operationName === key.operationName &&
  earlier.operation.supergraphHash === key.supergraphHash &&
  earlier.operation.variables === key.variables;

/**
 * How the answer names its entities: through fields the cache `added` (to strip), or its
 * `own` `__typename` and `id` only.
 */
type Learning = 'added' | 'own' | undefined;

/**
 * Plans the operation with the entity fields added (see `withEntityFields`). The plan cache
 * of the gateway is keyed by the query hash, so the hash changes with the document; a
 * document that already names its entities runs as it is, under its own hash.
 */
function learnEntities(requestContext: Context): Learning {
  const { schema, document, queryHash } = requestContext;
  if (!document || !queryHash) return undefined;
  const augmented = withEntityFields(schema, document);
  if (augmented === document) return 'own';
  const writable = requestContext as { document: DocumentNode; queryHash: string };
  writable.document = augmented;
  writable.queryHash = `${queryHash}:entities`;
  return 'added';
}

/**
 * Whole-response cache (DESIGN decision 6), shaped like Apollo's response-cache plugin:
 * `responseForOperation` answers a query from the cache, `willSendResponse` invalidates what
 * a write changed (before the answer leaves) and stores cacheable answers, tagged with the
 * entities they contain and the lists their root fields hold (`Hotel[]`). PRIVATE answers are
 * stored per verified user only and read only by that user; anonymous callers read anonymous
 * PUBLIC entries only. Errors, mutations and subscriptions are never stored; operations that
 * did not come over HTTP (re-resolved subscription events) neither read nor write it.
 */
export function responseCachePlugin(
  cache: ResponseCache,
  /** Where queries that reached a lookup are learned for the fast path; absent: not learned. */
  known?: KnownOperations,
  /**
   * Where the bodies it serializes are kept for Apollo Server's `stringifyResult`, which then
   * sends them without serializing the answer again; default: kept for nobody.
   */
  bodies: SerializedBodies = createSerializedBodies(),
): ApolloServerPlugin<RouterContext> {
  let supergraphHash = '';
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          supergraphHash = sha256Hex(coreSupergraphSdl ?? '');
          if (known) known.supergraphHash = supergraphHash;
        },
      };
    },

    async requestDidStart() {
      let operation: OperationKey | undefined;
      // `Type[]` of the lists the query's root fields hold (list-tags.ts).
      let lists: readonly string[] = [];
      let epoch = 0;
      let hit: CachedResponse | undefined;
      let learning: Learning;
      // The lookup's scopes and their keys; the entry is saved under one of them.
      let scopes: readonly CacheScope[] = [];
      let keys: readonly string[] = [];

      return {
        async responseForOperation(requestContext) {
          const { request, contextValue } = requestContext;
          const kind = requestContext.operation?.operation;
          if (!request.http || !requestContext.document || kind === 'subscription') return null;
          if (kind === 'query') {
            const key: OperationKey = {
              operationHash: operationHash(requestContext.document),
              operationName: requestContext.operationName,
              variables: request.variables,
              supergraphHash,
            };
            operation = key;
            lists = listTagsOf(requestContext.schema, requestContext.document);
            const viewer = contextValue.viewer;
            scopes = lookupScopes(viewer?.userId);
            // The fast path looked these keys up and fell through: one read, one count; and
            // it found the text known, so there is nothing to learn either.
            const earlier = contextValue.earlierCacheLookup;
            let found: Lookup | undefined;
            if (earlier && sameOperation(earlier, key)) {
              keys = earlier.keys;
              found = earlier.found;
            } else {
              if (known && typeof request.query === 'string') {
                const { operationHash: hash, operationName } = key;
                known.learn(request.query, request.operationName ?? undefined, {
                  operationHash: hash,
                  operationName,
                  supergraphHash,
                });
              }
              keys = cacheKeys(key, scopes);
              found = await cache.lookup(keys);
            }
            if (found === undefined) operation = undefined; // bypassed: do not write either
            epoch = found?.epoch ?? 0;
            hit = found?.hit;
          }
          if (hit) {
            requestContext.overallCachePolicy.replace(hit.policy);
            requestContext.metrics.responseCacheHit = true;
            const data = JSON.parse(hit.body).data;
            bodies.remember(data, hit.body);
            return {
              body: { kind: 'single', singleResult: { data } },
              http: { status: undefined, headers: new HeaderMap() },
            };
          }
          learning = learnEntities(requestContext);
          return null;
        },

        async willSendResponse(requestContext) {
          const { response, contextValue } = requestContext;
          if (response.body.kind !== 'single') return;
          if (hit) {
            const age = Math.max(0, Math.round((Date.now() - hit.storedAt) / 1000));
            response.http.headers.set('age', String(age));
            return;
          }
          const result = response.body.singleResult;
          const mutation = requestContext.operation?.operation === 'mutation';
          // Added fields go synchronously, before any await: other plugins and the client see
          // clean data. A query's own fields stay, so its tags wait until it is to be stored.
          let entities =
            learning === 'added' || (learning && mutation)
              ? takeEntityTags(result.data)
              : undefined;

          const stale = new Set(contextValue.invalidatedEntities);
          if (mutation) for (const tag of entities ?? []) stale.add(tag);
          if (stale.size > 0) await cache.invalidate(stale);

          const policy = requestContext.overallCachePolicy.policyIfCacheable();
          if (!operation || !policy || result.errors || !result.data) return;
          // Built from a subgraph answer fetched before this request's cache read (see
          // SUBGRAPH_DEDUP): it may be older than an invalidation that read already saw.
          if (contextValue.sharedEarlierFetch) return;
          const viewer = contextValue.viewer;
          let scope: CacheScope;
          if (policy.scope === 'PUBLIC') scope = { kind: 'public', signedIn: viewer !== null };
          else if (viewer) scope = { kind: 'private', userId: viewer.userId };
          else return; // private data of nobody in particular is not cached (Apollo's rule too)
          entities ??= learning ? takeEntityTags(result.data) : new Set<string>();
          const entry: CachedResponse = {
            body: bodies.bodyOf(result.data),
            policy,
            storedAt: Date.now(),
            cost: contextValue.operationCost,
          };
          const at = scopes.findIndex((looked) => looked.kind === scope.kind);
          const key = keys[at] ?? cacheKeys(operation, [scope])[0];
          if (key) cache.save(key, entry, [...entities, ...lists], epoch);
        },
      };
    },
  };
}
