import type { IncomingMessage } from 'node:http';
import type { ErrorResponse } from '@travel/errors';

export type JsonBody =
  /** `text`: the body as read, when there was one (a key to remember work on it by). */
  { ok: true; body: unknown; text?: string } | { ok: false; error: ErrorResponse };

const tooLarge: ErrorResponse = {
  status: 413,
  message: 'Request body is too large',
  code: 'PAYLOAD_TOO_LARGE',
  // The rest of the body is not read: the connection can not carry another request.
  headers: { connection: 'close' },
};

const notReceived: ErrorResponse = {
  status: 400,
  message: 'Request body was not received in full',
  code: 'BAD_REQUEST',
};

/** A compressed body is not inflated (a small request is not worth it; a zip bomb is a risk). */
const unsupportedEncoding = (encoding: string): ErrorResponse => ({
  status: 415,
  message: `Content-Encoding ${JSON.stringify(encoding.slice(0, 40))} is not accepted: send the body uncompressed`,
  code: 'BAD_REQUEST',
  headers: { connection: 'close', 'accept-encoding': 'identity' },
});

/**
 * The request's JSON body, as express.json() parsed it before: read when the content type is
 * JSON (else `undefined`: Apollo Server answers what a GraphQL POST needs), an empty body as
 * `{}`, refused with 413 past `limitBytes` (by its `Content-Length` before reading a byte,
 * else as soon as the bytes read pass it), with 415 when it is compressed, and with 400 when it
 * does not parse or the client goes away before sending all of it.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<JsonBody> {
  if (req.method === 'GET' || req.method === 'HEAD') return { ok: true, body: undefined };
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) return { ok: true, body: undefined };
  if (Number(req.headers['content-length'] ?? 0) > limitBytes)
    return { ok: false, error: tooLarge };
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    return { ok: false, error: unsupportedEncoding(encoding) };
  }
  let read: Buffer | undefined;
  try {
    read = await readUpTo(req, limitBytes);
  } catch {
    // The client went away mid-body (ECONNRESET "aborted"): a bad request, not a fault of
    // ours to log; the answer goes nowhere.
    return { ok: false, error: notReceived };
  }
  if (!read) return { ok: false, error: tooLarge };
  if (read.length === 0) return { ok: true, body: {} };
  const text = read.toString('utf8');
  try {
    return { ok: true, body: JSON.parse(text), text };
  } catch {
    return {
      ok: false,
      error: { status: 400, message: 'Request body is not valid JSON', code: 'BAD_REQUEST' },
    };
  }
}

/**
 * The whole body, or undefined once it passes `limitBytes`; the rest is then let through
 * unread (not destroyed: the 413 must still reach the caller).
 */
function readUpTo(req: IncomingMessage, limitBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData).off('end', onEnd).off('error', reject);
      req.resume();
      resolve(undefined);
    };
    // Most bodies arrive in one chunk: no copy of it then.
    const onEnd = () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}
