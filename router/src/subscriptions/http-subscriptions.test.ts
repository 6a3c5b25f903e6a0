import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import type { RequestState } from '../http/request-state.ts';
import { httpSubscriptions } from './http-subscriptions.ts';
import { multipartFraming, sseFraming } from './stream-framing.ts';

const SUBSCRIPTION = 'subscription { myBookingUpdates { id } }';

/** Runs the step on one request: where it went, and what was answered. */
async function route(
  body: Record<string, unknown>,
  accept?: string,
  stopping = false,
  method = 'POST',
) {
  const serve = vi.fn(
    async (..._args: [IncomingMessage, ServerResponse, RequestState, unknown, unknown]) => {},
  );
  const next = vi.fn();
  const answer: { status?: number; body?: string } = {};
  const url =
    method === 'GET'
      ? `/graphql?${new URLSearchParams(body as Record<string, string>)}`
      : '/graphql';
  const req = { method, url, headers: { accept } } as unknown as IncomingMessage;
  const state = { body } as RequestState;
  const res = {
    setHeader: () => {},
    set statusCode(status: number) {
      answer.status = status;
    },
    end: (text: string) => {
      answer.body = text;
    },
  } as unknown as ServerResponse;
  const step = httpSubscriptions({
    list: { get: () => undefined },
    maxTokens: 100,
    serve,
    stopping: () => stopping,
  });
  if ((await step(req, res, state)) === 'next') next();
  return { serve, next, answer, framing: serve.mock.calls[0]?.[4] };
}

describe('httpSubscriptions', () => {
  it('serves subscriptions as multipart or SSE by the accept header', async () => {
    const apollo = 'multipart/mixed;boundary=graphql;subscriptionSpec=1.0,application/json';
    expect((await route({ query: SUBSCRIPTION }, apollo)).framing).toBe(multipartFraming);
    expect((await route({ query: SUBSCRIPTION }, 'text/event-stream')).framing).toBe(sseFraming);
  });

  it('serves a GET (EventSource) from its search parameters', async () => {
    const { serve } = await route({ query: SUBSCRIPTION }, 'text/event-stream', false, 'GET');
    expect(serve.mock.calls[0]?.[3]).toMatchObject({ query: SUBSCRIPTION });
  });

  it('lets queries and mutations go on to Apollo, even ones naming a field `subscription`', async () => {
    for (const query of ['{ me { id } }', 'query { subscription: me { id } }']) {
      const { next, serve } = await route({ query }, 'multipart/mixed;subscriptionSpec=1.0');
      expect(next).toHaveBeenCalledOnce();
      expect(serve).not.toHaveBeenCalled();
    }
  });

  it('picks the named operation of a document with several', async () => {
    const query = `query Q { me { id } } ${SUBSCRIPTION.replace('subscription', 'subscription S')}`;
    const accept = 'text/event-stream';
    expect((await route({ query, operationName: 'Q' }, accept)).next).toHaveBeenCalled();
    expect((await route({ query, operationName: 'S' }, accept)).serve).toHaveBeenCalled();
  });

  it('answers a subscription that accepts no stream with 406, never passing it on', async () => {
    const { next, serve, answer } = await route({ query: SUBSCRIPTION }, 'application/json');
    expect([next.mock.calls.length, serve.mock.calls.length]).toEqual([0, 0]);
    expect(answer.status).toBe(406);
    expect(JSON.parse(answer.body ?? '{}').errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('hands a stream request over the token limit to the guard, which says why', async () => {
    const huge = `subscription { myBookingUpdates { ${'id '.repeat(200)} } }`;
    expect((await route({ query: huge }, 'text/event-stream')).serve).toHaveBeenCalled();
    // A plain request over the limit: Apollo answers the parse error, as for queries.
    expect((await route({ query: huge }, 'application/json')).next).toHaveBeenCalled();
  });

  it('refuses new streams while shutting down (503)', async () => {
    const { serve, answer } = await route({ query: SUBSCRIPTION }, 'text/event-stream', true);
    expect(serve).not.toHaveBeenCalled();
    expect(answer.status).toBe(503);
  });
});
