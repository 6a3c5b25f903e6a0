import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendErrorResponse } from '@travel/errors';
import { type JsonBody, readJsonBody } from '@travel/service-kit/http';
import type { RequestState, Step, StepResult } from './request-state.ts';

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** BODY_LIMIT (`100kb`, `1mb`: binary units, as express.json read it) in bytes. */
export function byteSize(limit: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(limit);
  const unit = match && UNITS[match[2]?.toLowerCase() ?? ''];
  if (!match || !unit) throw new Error(`Not a byte size: ${limit}`);
  return Number(match[1]) * unit;
}

/**
 * Reads a POST's JSON body into the request's state (the service kit's reader, as every
 * subgraph reads it): 413 past `limitBytes`, 400 when it does not parse, both before any
 * GraphQL work. A body that had arrived in full by now (after an awaited authentication) is
 * read at once, and the step settles without a promise; else at the end of this turn of the
 * event loop, once Node has parsed what the turn read (see readJsonBody).
 */
export function jsonBody(limitBytes: number): Step {
  return (req, res, state) => {
    const parsed = readJsonBody(req, limitBytes);
    return parsed instanceof Promise
      ? parsed.then((read) => settle(req, res, state, read))
      : settle(req, res, state, parsed);
  };
}

function settle(
  req: IncomingMessage,
  res: ServerResponse,
  state: RequestState,
  parsed: JsonBody,
): StepResult {
  if (!parsed.ok) {
    sendErrorResponse(req, res, parsed.error);
    return 'answered';
  }
  state.body = parsed.body;
  state.bodyText = parsed.text;
  return 'next';
}
