import type { IncomingMessage } from 'node:http';
import type { ErrorResponse } from '@travel/errors';

export type JsonBody = { ok: true; body: unknown } | { ok: false; error: ErrorResponse };

const tooLarge: ErrorResponse = {
  status: 413,
  message: 'Request body is too large',
  code: 'PAYLOAD_TOO_LARGE',
  // The rest of the body is not read: the connection can not carry another request.
  headers: { connection: 'close' },
};

/**
 * The request's JSON body, as express.json() parsed it before: read when the content type is
 * JSON (else `undefined`: Apollo Server answers what a GraphQL POST needs), an empty body as
 * `{}`, refused with 413 past `limitBytes` (by its `Content-Length` before reading a byte,
 * else as soon as the bytes read pass it) and with 400 when it does not parse.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<JsonBody> {
  if (req.method === 'GET' || req.method === 'HEAD') return { ok: true, body: undefined };
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) return { ok: true, body: undefined };
  if (Number(req.headers['content-length'] ?? 0) > limitBytes)
    return { ok: false, error: tooLarge };
  const read = await readUpTo(req, limitBytes);
  if (!read) return { ok: false, error: tooLarge };
  if (read.length === 0) return { ok: true, body: {} };
  try {
    return { ok: true, body: JSON.parse(read.toString('utf8')) };
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
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}
