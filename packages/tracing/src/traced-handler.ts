import { context, type Tracer, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { recordError } from './with-span.ts';

/**
 * `handler` (an express middleware) inside a span of its own: from its call until it passes
 * the request on (`next()`), answers it itself (a 401), or fails (`next(error)`). For phases
 * that are middleware, such as the router's authentication.
 */
export function tracedHandler(
  tracer: Tracer,
  name: string,
  handler: RequestHandler,
): RequestHandler {
  return (req, res, next) => {
    const span = tracer.startSpan(name);
    let ended = false;
    const end = (error?: unknown) => {
      if (ended) return;
      ended = true;
      if (error !== undefined && error !== 'route' && error !== 'router') recordError(span, error);
      span.end();
    };
    res.once('finish', () => end());
    res.once('close', () => end());
    const parent = context.active();
    context.with(trace.setSpan(parent, span), () =>
      handler(req, res, (error?: unknown) => {
        end(error);
        // The rest of the chain is not part of this phase: back to the request's span.
        context.with(parent, () => next(error as Parameters<typeof next>[0]));
      }),
    );
  };
}
