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

const noBody: JsonBody = { ok: true, body: undefined };

const invalidJson: ErrorResponse = {
  status: 400,
  message: 'Request body is not valid JSON',
  code: 'BAD_REQUEST',
};

/**
 * The request's JSON body, as express.json() parsed it before: read when the content type is
 * JSON (else `undefined`: Apollo Server answers what a GraphQL POST needs), an empty body as
 * `{}`, refused with 413 past `limitBytes` (by its `Content-Length` before reading a byte,
 * else as soon as the bytes read pass it), with 415 when it is compressed, and with 400 when it
 * does not parse or the client goes away before sending all of it.
 *
 * A body that has arrived whole is taken from the request's buffer: at once (no promise) when
 * it had arrived before the call, else at the end of this turn of the event loop. Node emits a
 * request from its headers, runs the microtasks that queues, and only then parses the body
 * that came in the same read: a body sent with its headers (nearly every one) is whole in the
 * buffer once the turn's I/O is done, not one microtask on. Listening for `data` and `end`
 * instead would switch the request to flowing mode and replay the body over two ticks (with two
 * listeners and a promise per request: ~5% of a cache hit's CPU). A body still on its way is
 * read as it comes.
 */
export function readJsonBody(
  req: IncomingMessage,
  limitBytes: number,
): JsonBody | Promise<JsonBody> {
  if (req.method === 'GET' || req.method === 'HEAD') return noBody;
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) return noBody;
  if (Number(req.headers['content-length'] ?? 0) > limitBytes)
    return { ok: false, error: tooLarge };
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    return { ok: false, error: unsupportedEncoding(encoding) };
  }
  if (arrived(req)) return buffered(req, limitBytes);
  return new Promise((resolve) => setImmediate(resolve)).then(() =>
    arrived(req)
      ? buffered(req, limitBytes)
      : readUpTo(req, limitBytes).then(
          (read) => (read ? parsed(read) : { ok: false, error: tooLarge }),
          // The client went away mid-body (ECONNRESET "aborted"): a bad request, not a fault
          // of ours to log; the answer goes nowhere.
          () => ({ ok: false, error: notReceived }),
        ),
  );
}

/** The whole body is in the request's buffer, and nothing has read from it. */
const arrived = (req: IncomingMessage) => req.complete && req.readableFlowing === null;

function buffered(req: IncomingMessage, limitBytes: number): JsonBody {
  // A chunked body has no Content-Length to refuse it by before.
  if (req.readableLength > limitBytes) return { ok: false, error: tooLarge };
  return parsed(req.read() as Buffer | null);
}

/** The body's bytes as JSON (`null`: nothing was sent, read as `{}`). */
function parsed(read: Buffer | null): JsonBody {
  if (!read || read.length === 0) return { ok: true, body: {} };
  const text = read.toString('utf8');
  try {
    return { ok: true, body: JSON.parse(text), text };
  } catch {
    return { ok: false, error: invalidJson };
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
