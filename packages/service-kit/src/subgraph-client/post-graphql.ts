import type { Dispatcher } from 'undici';
import { postOver, type SubgraphReply } from './post-over.ts';

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
  /** What the deadline allows, for the error that says it passed. */
  timeoutMs: number;
  /** The caller's cancellation (the request it serves); aborts like the deadline. */
  cancellation: AbortSignal | undefined;
}

/**
 * One POST of a GraphQL body (`postOver`, as the router calls its subgraphs), its answer
 * parsed, cut when `deadline` fires (createDeadlines). A network error or a 5xx is retriable;
 * a passed deadline is not (a slow server is likely slow again); a 4xx or a body that is not
 * JSON is not either. The caller's cancellation is rethrown as its reason.
 */
export async function postGraphQL(
  agent: Dispatcher,
  attempt: Attempt,
  deadline: AbortSignal,
): Promise<unknown> {
  const { cancellation } = attempt;
  cancellation?.throwIfAborted();
  const failed = (what: string, retriable: boolean, cause?: unknown) => {
    cancellation?.throwIfAborted();
    if (deadline.aborted) {
      return new SubgraphCallError(`no answer within ${attempt.timeoutMs} ms`, false, { cause });
    }
    return new SubgraphCallError(what, retriable, { cause });
  };
  let reply: SubgraphReply;
  try {
    // Under both signals until the last byte: a server that stalls mid-answer is cut too.
    reply = await postOver(agent, attempt, deadline, cancellation);
  } catch (error) {
    throw failed(`network error: ${(error as Error).message}`, true, error);
  }
  const { status } = reply;
  if (status < 200 || status >= 300) throw failed(`answered HTTP ${status}`, status >= 500);
  try {
    return JSON.parse(reply.body);
  } catch (error) {
    throw failed(`answered HTTP ${status} without JSON`, false, error);
  }
}
