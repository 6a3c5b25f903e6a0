import { sendErrorResponse } from '@travel/errors';
import { readJsonBody } from '@travel/service-kit/http';
import type { Step } from './request-state.ts';

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
 * GraphQL work.
 */
export function jsonBody(limitBytes: number): Step {
  return async (req, res, state) => {
    const parsed = await readJsonBody(req, limitBytes);
    if (!parsed.ok) {
      sendErrorResponse(req, res, parsed.error);
      return 'answered';
    }
    state.body = parsed.body;
    state.bodyText = parsed.text;
    return 'next';
  };
}
