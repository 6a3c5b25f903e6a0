import type { Dispatcher } from 'undici';

/** Why a call to another subgraph failed; `retriable` when another attempt may succeed. */
export class SubgraphCallError extends Error {
  override name = 'SubgraphCallError';
  constructor(
    message: string,
    readonly retriable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface Attempt {
  url: URL;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** The caller's cancellation (the request it serves); aborts like the timeout. */
  signal: AbortSignal;
}

/**
 * One POST of a GraphQL body over undici's dispatcher (`request()`: no WHATWG layer, as the
 * router's subgraph transport), its answer parsed. A network error or a 5xx is retriable;
 * a timeout is not (a slow server is likely slow again); a 4xx or a body that is not JSON is
 * not either. The caller's cancellation is rethrown as its reason.
 */
export async function postGraphQL(agent: Dispatcher, attempt: Attempt): Promise<unknown> {
  attempt.signal.throwIfAborted();
  const timeout = AbortSignal.timeout(attempt.timeoutMs);
  const signal = AbortSignal.any([timeout, attempt.signal]);
  const failed = (what: string, retriable: boolean, cause?: unknown) => {
    attempt.signal.throwIfAborted();
    if (timeout.aborted) {
      return new SubgraphCallError(`no answer within ${attempt.timeoutMs} ms`, false, { cause });
    }
    return new SubgraphCallError(what, retriable, { cause });
  };
  let response: Dispatcher.ResponseData;
  try {
    response = await agent.request({
      origin: attempt.url.origin,
      path: attempt.url.pathname + attempt.url.search,
      method: 'POST',
      headers: attempt.headers,
      body: attempt.body,
      signal,
    });
  } catch (error) {
    throw failed(`network error: ${(error as Error).message}`, true, error);
  }
  const { statusCode } = response;
  if (statusCode < 200 || statusCode >= 300) {
    await response.body.dump().catch(() => undefined);
    throw failed(`answered HTTP ${statusCode}`, statusCode >= 500);
  }
  try {
    // Read under the same signal: a server that stalls mid-answer is cut too.
    return await response.body.json();
  } catch (error) {
    throw failed(`answered HTTP ${statusCode} without JSON`, false, error);
  }
}
