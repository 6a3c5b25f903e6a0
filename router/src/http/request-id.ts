import { requestIdFrom } from '@travel/logger';
import type { RequestHandler } from 'express';
import { routerLocals } from '../context.ts';

/**
 * Gives every request an id: the caller's `x-request-id` when it is safe to reuse, else a new
 * one. It is echoed on the response so a client can quote it, and forwarded to subgraphs so
 * their logs line up with the router's.
 */
export const requestId: RequestHandler = (req, res, next) => {
  const id = requestIdFrom(req.headers['x-request-id']);
  routerLocals(res).requestId = id;
  res.setHeader('x-request-id', id);
  next();
};
