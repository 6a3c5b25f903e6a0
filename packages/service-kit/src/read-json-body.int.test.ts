import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JsonBody, readJsonBody } from './read-json-body.ts';

const LIMIT = 64;

/** When the server reads: as the request arrives, or once it has (after an await, as the router does). */
type Moment = 'on arrival' | 'after an await';

interface Reader {
  port: number;
  /** What readJsonBody settled on for each request, in arrival order. */
  settled: (JsonBody | { rejected: unknown })[];
  /** Whether each result was returned at once rather than as a promise. */
  atOnce: boolean[];
  /** Whether each request was switched to flowing mode (read through `data` events). */
  flowed: boolean[];
  server: Server;
}

async function startReader(moment: Moment): Promise<Reader> {
  const reader: Reader = {
    port: 0,
    settled: [],
    atOnce: [],
    flowed: [],
    server: createServer(),
  };
  reader.server.on('request', async (req, res) => {
    if (moment === 'after an await') await new Promise((resolve) => setImmediate(resolve));
    const result = readJsonBody(req, LIMIT);
    reader.atOnce.push(!(result instanceof Promise));
    Promise.resolve(result).then(
      (read) => {
        reader.settled.push(read);
        reader.flowed.push(req.readableFlowing === true);
        res.end(JSON.stringify(read));
      },
      (error: unknown) => {
        reader.settled.push({ rejected: error });
        res.destroy();
      },
    );
  });
  await new Promise<void>((resolve) => reader.server.listen(0, '127.0.0.1', resolve));
  reader.port = (reader.server.address() as AddressInfo).port;
  return reader;
}

let reader: Reader;

async function send(
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {},
): Promise<JsonBody> {
  const res = await fetch(`http://127.0.0.1:${reader.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return (await res.json()) as JsonBody;
}

/** A chunked POST (no Content-Length) in one write; resolves with the whole answer. */
async function sendChunked(body: string): Promise<string> {
  const socket = connect(reader.port, '127.0.0.1');
  socket.write(
    'POST /graphql HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\n' +
      'transfer-encoding: chunked\r\nconnection: close\r\n\r\n' +
      `${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`,
  );
  let answer = '';
  for await (const chunk of socket) answer += chunk;
  return answer;
}

describe.each<Moment>(['on arrival', 'after an await'])('readJsonBody, read %s', (moment) => {
  beforeAll(async () => {
    reader = await startReader(moment);
  });
  afterAll(() => new Promise<void>((resolve) => reader.server.close(() => resolve())));

  it('parses a JSON body, and reads an empty one as {}', async () => {
    expect(await send('{"query":"{ a }"}')).toEqual({
      ok: true,
      body: { query: '{ a }' },
      text: '{"query":"{ a }"}',
    });
    expect(await send('')).toEqual({ ok: true, body: {} });
  });

  it('settles at once when the body had arrived before it was read, else as a promise', async () => {
    await send('{"query":"{ a }"}');
    expect(reader.atOnce.at(-1)).toBe(moment === 'after an await');
  });

  it('takes a body sent with its headers from the buffer, without replaying it as events', async () => {
    await send('{"query":"{ a }"}');
    expect(reader.flowed.at(-1)).toBe(false);
  });

  it('reads a body that arrives in parts, later than its headers', async () => {
    const before = reader.settled.length;
    const socket = connect(reader.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /graphql HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\n' +
        'content-length: 17\r\n\r\n{"query":',
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    socket.write('"{ a }"}');
    await expect.poll(() => reader.settled.length).toBe(before + 1);
    socket.destroy();
    expect(reader.settled[before]).toEqual({
      ok: true,
      body: { query: '{ a }' },
      text: '{"query":"{ a }"}',
    });
  });

  it('reads a chunked body, and refuses one over the limit with 413', async () => {
    expect(await sendChunked('{"query":"{ a }"}')).toContain('"body":{"query":"{ a }"}');
    const refused = await sendChunked(JSON.stringify({ query: 'x'.repeat(LIMIT) }));
    expect(refused).toContain('"status":413');
    expect(refused).toContain('PAYLOAD_TOO_LARGE');
  });

  it('leaves a body that is not JSON to GraphQL', async () => {
    expect(await send('query { a }', { 'content-type': 'text/plain' })).toEqual({ ok: true });
  });

  it('refuses JSON that does not parse with 400', async () => {
    const result = await send('{"query":');
    expect(result).toMatchObject({ ok: false, error: { status: 400, code: 'BAD_REQUEST' } });
  });

  it('refuses a body over the limit with 413', async () => {
    const result = await send(JSON.stringify({ query: 'x'.repeat(LIMIT) }));
    expect(result).toMatchObject({ ok: false, error: { status: 413, code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('refuses a compressed body with 415 naming the encoding, without inflating it', async () => {
    const gzipped = Uint8Array.from(gzipSync('{"query":"{ a }"}'));
    const result = await send(gzipped, { 'content-encoding': 'gzip' });
    expect(result).toMatchObject({
      ok: false,
      error: { status: 415, code: 'BAD_REQUEST', message: expect.stringContaining('"gzip"') },
    });
  });

  it('answers 400 when the client goes away mid-body: no rejection for the server to log', async () => {
    const before = reader.settled.length;
    const socket = connect(reader.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /graphql HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\n' +
        'content-length: 50\r\n\r\n{"query":',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await expect.poll(() => reader.settled.length).toBe(before + 1);
    expect(reader.settled[before]).toMatchObject({
      ok: false,
      error: { status: 400, message: 'Request body was not received in full' },
    });
  });
});
