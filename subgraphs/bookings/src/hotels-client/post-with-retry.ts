import { throwIfCancelled, untilCancelled } from '@travel/subgraph-kit';
import { traceHeaders } from '@travel/tracing';

export interface PostOptions {
  /** Time allowed to one attempt, answer body included. */
  timeoutMs: number;
  /** Extra attempts after a network error or a 5xx. */
  retries: number;
  /** Wait before the first retry, doubled before each next one. */
  backoffMs: number;
  headers?: Record<string, string>;
}

/** A failure worth another attempt: the request may not have reached a healthy server. */
export class RetriableError extends Error {}

/**
 * POSTs JSON and returns the parsed answer. Network errors and 5xx answers are retried with
 * exponential backoff; a timeout is not (a slow server is likely slow again, and retrying it
 * would only multiply the wait and its load); 4xx answers are not either.
 */
export async function postJsonWithRetry(
  url: string,
  body: unknown,
  options: PostOptions,
): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await postJson(url, body, options);
    } catch (error) {
      if (!(error instanceof RetriableError) || attempt >= options.retries) throw error;
      await delay(options.backoffMs * 2 ** attempt);
    }
  }
}

async function postJson(url: string, body: unknown, options: PostOptions): Promise<unknown> {
  // No attempt (nor retry) for a request whose caller went away.
  throwIfCancelled();
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = untilCancelled(timeout);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      // `traceparent` of the span running now (none when tracing is off).
      headers: { 'content-type': 'application/json', ...options.headers, ...traceHeaders() },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    throwIfCancelled();
    if (timeout.aborted) throw new Error(`no answer within ${options.timeoutMs} ms`);
    throw new RetriableError(`network error: ${(error as Error).message}`, { cause: error });
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    throw new RetriableError(`answered HTTP ${response.status}`);
  }
  try {
    return await response.json();
  } catch (error) {
    throwIfCancelled();
    if (timeout.aborted) throw new Error(`no answer within ${options.timeoutMs} ms`);
    throw new Error(`answered HTTP ${response.status} without JSON`, { cause: error });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
