import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendErrorResponse } from '@travel/errors';
import { outcomeLabels } from '@travel/metrics';
import type { TurnEndAnswers } from '@travel/service-kit/http';
import type { Counter, Histogram } from 'prom-client';
import type { Step } from '../http/request-state.ts';
import type { ListedOperation } from '../persisted-queries/manifest.ts';
import type { UnlistedOperations } from '../persisted-queries/unlisted-operations.ts';
import type { OperationLabeler } from '../plugins/metrics.ts';
import { rateLimitHeaders } from '../rate-limits/headers.ts';
import { rateLimitIdentity } from '../rate-limits/identity.ts';
import type { RateLimitDecision, RateLimits } from '../rate-limits/rate-limits.ts';
import { cacheKeys, lookupScopes } from './cache-key.ts';
import { createFastPathMemo } from './fast-path-memo.ts';
import { createContentTypes, fastPathRequest } from './fast-path-request.ts';
import type { KnownOperations } from './known-operations.ts';
import type { ResponseCache } from './response-cache.ts';

export interface FastPathOptions {
  cache: ResponseCache;
  known: KnownOperations;
  limits: RateLimits;
  /** MAX_COST: an entry costed above it (stored under a higher limit) is left to Apollo. */
  maxCost: number;
  list: { get(id: string): ListedOperation | undefined };
  /** `log_unknown` in force: unlisted operations are logged and counted, as the plugin does. */
  logUnknown: boolean;
  unlisted: UnlistedOperations;
  /** `graphql_request_duration_seconds` and its labels, as the metrics plugin records them. */
  duration: Histogram<string>;
  /** `graphql_request_errors_total{code}`, for a refusal. */
  errors: Counter<'code'>;
  labeler: OperationLabeler;
  /** `response_cache_fast_path_total{outcome}`. */
  outcomes: Counter<'outcome'>;
  /** How a hit is written: at the end of the turn, with the router's other answers. */
  answers: TurnEndAnswers;
}

/** The pipeline's RATE_LIMITED answer (rate-limited-error.ts), written directly. */
function refuse(req: IncomingMessage, res: ServerResponse, decision: RateLimitDecision) {
  const retryAfterSeconds = decision.resetSeconds ?? decision.windowSeconds;
  sendErrorResponse(req, res, {
    status: 429,
    message: `Rate limit exceeded; retry in ${retryAfterSeconds} s`,
    code: 'RATE_LIMITED',
    extensions: { retryAfterSeconds },
    headers: {
      'retry-after': String(retryAfterSeconds),
      ...rateLimitHeaders(decision),
      'cache-control': 'no-store',
    },
  });
}

/**
 * Answers a response cache hit before Apollo Server's pipeline (DESIGN decision 6): no parse,
 * validation or plan for a query text the pipeline has resolved before (`KnownOperations`),
 * the entry's bytes sent as they are. Mounted after authentication and persisted-query
 * enforcement, so both have already applied; it spends the entry's stored cost from the rate
 * limits before answering, and a refusal answers 429 as the pipeline would. For a body whose
 * hit it answered before, it spends that hit's cost while the lookup runs (on Redis one round
 * trip, not two) and hands the spend to the pipeline if the lookup falls through. Everything it can
 * not decide cheaply goes on to Apollo (`next()`): an unknown text, a partner's text that is not
 * a listed operation, a bypassed store (slow, failing, invalidation pending; within
 * RESPONSE_CACHE_TIMEOUT_MS), a miss (the lookup is handed on, not repeated). A hit is
 * written with the headers the pipeline would send, no more, through `answers`.
 */
export function responseCacheFastPath(options: FastPathOptions): Step {
  const { cache, known, limits, list, outcomes } = options;
  const memo = createFastPathMemo();
  const contentTypes = createContentTypes();
  return async (req, res, state) => {
    const startedAt = performance.now();
    const request = fastPathRequest(req, state.body, contentTypes);
    if (!request) return 'next';
    const { viewer, bodyText } = state;
    const { supergraphHash } = known;
    let remembered = bodyText ? memo.get(bodyText, viewer?.userId, supergraphHash) : undefined;
    const queryId = remembered?.queryId ?? known.idOf(request.query);
    const listed = list.get(queryId);
    // Partners run listed ids only (enforced before); a text here that is not one goes on.
    if (viewer?.apiKeyId && (!listed || !state.persistedQuery)) return 'next';
    if (!remembered) {
      const operation = known.get(queryId, request.operationName);
      if (!operation || operation.supergraphHash !== supergraphHash) {
        outcomes.inc({ outcome: 'unknown' });
        return 'next';
      }
      const keys = cacheKeys(
        { ...operation, variables: request.variables },
        lookupScopes(viewer?.userId),
      );
      remembered = { queryId, operation, keys };
      if (bodyText) memo.set(bodyText, viewer?.userId, remembered);
    }
    const { operation, keys } = remembered;
    const identity = rateLimitIdentity(viewer, state.clientAddress);
    // A body whose last hit cost this much spends it while the lookup runs (on Redis, one
    // round trip instead of two); if the lookup falls through, the pipeline takes it over.
    const early =
      remembered.cost === undefined
        ? undefined
        : { cost: remembered.cost, decision: limits.spend(identity, remembered.cost) };
    const found = await cache.lookup(keys);
    const hit = found?.hit;
    if (!hit || hit.cost === undefined || hit.cost > options.maxCost) {
      // This request's own variables object: the pipeline knows its lookup by that identity.
      const key = { ...operation, variables: request.variables };
      state.earlierCacheLookup = { operation: key, keys, found };
      state.earlierSpend = early;
      outcomes.inc({ outcome: found ? 'miss' : 'bypass' });
      return 'next';
    }
    if (options.logUnknown && !listed) {
      options.unlisted.ran({
        requestId: state.requestId,
        operationName: operation.operationName,
        queryHash: queryId,
      });
    }
    const spent = early?.cost === hit.cost ? early.decision : limits.spend(identity, hit.cost);
    remembered.cost = hit.cost;
    const decision = spent instanceof Promise ? await spent : spent;
    const labels = options.labeler(
      request.query,
      operation.operationName,
      state.clientName,
      queryId,
    );
    if (!decision.allowed) {
      outcomes.inc({ outcome: 'rate_limited' });
      options.duration.observe(
        outcomeLabels(labels, 'error'),
        (performance.now() - startedAt) / 1000,
      );
      options.errors.inc({ code: 'RATE_LIMITED' });
      refuse(req, res, decision);
      return 'answered';
    }
    const age = Math.max(0, Math.round((Date.now() - hit.storedAt) / 1000));
    outcomes.inc({ outcome: 'hit' });
    options.duration.observe(outcomeLabels(labels, 'ok'), (performance.now() - startedAt) / 1000);
    // Added to the rate limit headers' fresh object rather than spread into another one.
    const headers = rateLimitHeaders(decision);
    headers['cache-control'] = `max-age=${hit.policy.maxAge}, ${hit.policy.scope.toLowerCase()}`;
    headers.age = String(age);
    headers['content-type'] = request.contentType;
    headers['content-length'] = String(hit.bytes.length);
    options.answers.send(res, 200, headers, hit.bytes);
    return 'answered';
  };
}
