import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JsonBody, readJsonBody } from './read-json-body.ts';

const LIMIT = 64;
let server: Server;
let port: number;
/** What readJsonBody settled on for each request, in arrival order. */
const settled: (JsonBody | { rejected: unknown })[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    readJsonBody(req, LIMIT).then(
      (result) => {
        settled.push(result);
        res.end(JSON.stringify(result));
      },
      (error: unknown) => {
        settled.push({ rejected: error });
        res.destroy();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function send(
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {},
): Promise<JsonBody> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return (await res.json()) as JsonBody;
}

describe('readJsonBody', () => {
  it('parses a JSON body, and reads an empty one as {}', async () => {
    expect(await send('{"query":"{ a }"}')).toEqual({
      ok: true,
      body: { query: '{ a }' },
      text: '{"query":"{ a }"}',
    });
    expect(await send('')).toEqual({ ok: true, body: {} });
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
    const before = settled.length;
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /graphql HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\n' +
        'content-length: 50\r\n\r\n{"query":',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await expect.poll(() => settled.length).toBe(before + 1);
    expect(settled[before]).toMatchObject({
      ok: false,
      error: { status: 400, message: 'Request body was not received in full' },
    });
  });
});
