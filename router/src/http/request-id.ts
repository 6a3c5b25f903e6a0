import type { ServerResponse } from 'node:http';
import { requestIdFrom } from '@travel/logger';

/**
 * Gives every request an id: the caller's `x-request-id` when it is safe to reuse, else a new
 * one. It is echoed on the response so a client can quote it, and forwarded to subgraphs so
 * their logs line up with the router's.
 */
export function assignRequestId(
  header: string | string[] | undefined,
  res: ServerResponse,
): string {
  const id = requestIdFrom(header);
  res.setHeader('x-request-id', id);
  return id;
}
