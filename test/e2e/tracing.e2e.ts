import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger } from '@travel/logger';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { day } from './support/bookings.ts';
import { post } from './support/graphql.ts';
import {
  type OtlpReceiver,
  type ReceivedSpan,
  startOtlpReceiver,
} from './support/otlp-receiver.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { signUp } from './support/users.ts';

// OTLP's SpanKind numbers.
const SERVER = 2;
const CLIENT = 3;

const SEARCH = /* GraphQL */ `
  query TracedSearch {
    searchHotels(input: { city: "Lisbon" }, first: 3) {
      edges { node { name owner { name } roomTypes { id } } }
    }
  }
`;

const newTraceparent = () => {
  const traceId = randomBytes(16).toString('hex');
  const parentId = randomBytes(8).toString('hex');
  return { traceId, parentId, header: `00-${traceId}-${parentId}-01` };
};

let stack: TestStack;
let receiver: OtlpReceiver;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  stack = await startTestStack({
    // Debug: the subgraphs' per-request line is a debug line.
    log: createLogger({ service: 'e2e', level: 'debug', destination }),
    tracingEnv: {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    },
  });
});

afterAll(async () => {
  await stack?.stop();
  await receiver?.stop();
});

const traceOf = (traceId: string) => receiver.spans.filter((span) => span.traceId === traceId);

/** The one span of `spans` that `match` picks; fails when there is none or several. */
function only(spans: ReceivedSpan[], match: (span: ReceivedSpan) => boolean): ReceivedSpan {
  const found = spans.filter(match);
  expect(found, JSON.stringify(found.map((s) => [s.service, s.name]))).toHaveLength(1);
  return found[0] as ReceivedSpan;
}

const serverSpanOf = (spans: ReceivedSpan[], service: string) =>
  only(spans, (s) => s.service === service && s.kind === SERVER);

const sqlSpansOf = (spans: ReceivedSpan[], service: string) =>
  spans.filter((s) => s.service === service && s.attributes['db.system.name'] === 'postgresql');

/** Waits until `ready` holds for the spans of `traceId` (they are exported in batches). */
async function spansOf(traceId: string, ready: (spans: ReceivedSpan[]) => boolean) {
  return vi.waitFor(
    () => {
      const spans = traceOf(traceId);
      if (!ready(spans)) throw new Error(`${spans.length} spans so far`);
      return spans;
    },
    { timeout: 20_000, interval: 100 },
  );
}

const hasServerAndSql = (spans: ReceivedSpan[], ...services: string[]) =>
  services.every(
    (service) =>
      spans.some((s) => s.service === service && s.kind === SERVER) &&
      sqlSpansOf(spans, service).length > 0,
  ) && spans.some((s) => s.service === 'router' && s.kind === SERVER);

describe('tracing across the supergraph', () => {
  it("follows a client's traceparent: router, two subgraphs and their SQL in one trace", async () => {
    const { traceId, parentId, header } = newTraceparent();
    stack.resetSql();
    const res = await post(stack.url, SEARCH, {}, { traceparent: header });
    expect(res.body.errors).toBeUndefined();
    const sqlSent = { hotels: stack.sql.hotels.length, accounts: stack.sql.accounts.length };
    // W3C Trace Context Level 2: the trace and the router's span, for the client to quote.
    const [, answeredTrace, routerSpanId, flags] =
      res.headers.get('traceresponse')?.split('-') ?? [];
    expect(answeredTrace).toBe(traceId);
    expect(flags).toBe('01');

    const spans = await spansOf(traceId, (s) => hasServerAndSql(s, 'hotels', 'accounts'));
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const parentOf = (span: ReceivedSpan) => byId.get(span.parentSpanId ?? '');

    // The router's request span is the child of the client's span.
    const router = serverSpanOf(spans, 'router');
    expect(router).toMatchObject({ spanId: routerSpanId, parentSpanId: parentId });
    expect(router.name).toBe('POST /graphql');
    expect(router.attributes['http.response.status_code']).toBe(200);
    // Its phases: authentication, the cache lookup (a miss), and the gateway's plan and fetches.
    expect(parentOf(only(spans, (s) => s.name === 'router.authenticate'))).toBe(router);
    const lookup = only(spans, (s) => s.name === 'router.response_cache.lookup');
    expect(parentOf(lookup)).toBe(router);
    expect(lookup.attributes['router.response_cache.outcome']).toBe('miss');
    const gatewayRequest = only(spans, (s) => s.name === 'gateway.request');
    expect(parentOf(gatewayRequest)).toBe(router);
    expect(parentOf(only(spans, (s) => s.name === 'gateway.plan'))).toBe(gatewayRequest);
    const fetches = spans.filter((s) => s.name === 'gateway.fetch');

    for (const service of ['hotels', 'accounts']) {
      // Each subgraph request is the child of the gateway's fetch of that subgraph, one each.
      const calls = spans.filter((s) => s.service === service && s.kind === SERVER);
      const fetchesOfService = fetches.filter((s) => s.attributes.service === service);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls).toHaveLength(fetchesOfService.length);
      for (const call of calls) expect(fetchesOfService).toContain(parentOf(call));
      // Every statement the subgraph sent has its span, the child of the request that sent it.
      const sql = sqlSpansOf(spans, service);
      expect(sql).toHaveLength(sqlSent[service as keyof typeof sqlSent]);
      for (const statement of sql) {
        expect(statement.kind).toBe(CLIENT);
        expect(calls).toContain(parentOf(statement));
        expect(String(statement.attributes['db.query.text'])).toMatch(/^\s*(SELECT|WITH)/i);
        expect(statement.attributes['db.namespace']).toMatch(new RegExp(`${service}`));
      }
    }
    // One trace: no subgraph request or statement of this test went anywhere else.
    const elsewhere = receiver.spans.filter(
      (s) => s.traceId !== traceId && s.service !== 'router' && s.service !== 'bookings',
    );
    expect(elsewhere).toEqual([]);

    // Each service exported through its own provider, under its own name.
    expect([...receiver.exports.keys()]).toEqual(
      expect.arrayContaining(['router', 'hotels', 'accounts']),
    );

    // The same trace id in the router's and the subgraphs' log lines of this request.
    await vi.waitFor(() => {
      const lines = logLines.filter((line) => line.trace_id === traceId);
      const routerLine = lines.find((line) => line.msg === 'graphql request' && !line.subgraph);
      expect(routerLine).toMatchObject({ service: 'router', span_id: router.spanId });
      for (const service of ['hotels', 'accounts']) {
        const line = lines.find((l) => l.subgraph === service && l.msg === 'graphql request');
        const calls = spans.filter((s) => s.service === service && s.kind === SERVER);
        expect(calls.map((call) => call.spanId)).toContain(line?.span_id);
      }
    });
  });

  it('carries the trace from one subgraph to another: router → bookings → hotels', async () => {
    const guest = await signUp(stack.url, `traced-${randomBytes(4).toString('hex')}@e2e.test`);
    const search = await post<{
      searchHotels: { edges: { node: { roomTypes: { id: string }[] } }[] };
    }>(stack.url, SEARCH);
    const roomTypeId = search.body.data?.searchHotels.edges[0]?.node.roomTypes[0]?.id;
    const { traceId, header } = newTraceparent();
    const res = await post(
      stack.url,
      'mutation ($input: CreateBookingInput!) { createBooking(input: $input) { id status } }',
      {
        input: {
          roomTypeId,
          checkIn: day(40),
          checkOut: day(42),
          guests: 1,
          idempotencyKey: randomBytes(8).toString('hex'),
        },
      },
      { ...guest.auth, traceparent: header },
    );
    expect(res.body.errors).toBeUndefined();

    const spans = await spansOf(traceId, (s) => hasServerAndSql(s, 'bookings', 'hotels'));
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const parentOf = (span: ReceivedSpan) => byId.get(span.parentSpanId ?? '');
    const bookings = serverSpanOf(spans, 'bookings');
    expect(parentOf(bookings)).toMatchObject({ service: 'router', name: 'gateway.fetch' });
    // bookings asks hotels for the room type: a CLIENT span, parent of hotels' request.
    const call = only(spans, (s) => s.service === 'bookings' && s.name === 'POST hotels');
    expect(call.kind).toBe(CLIENT);
    expect(parentOf(call)).toBe(bookings);
    const hotels = serverSpanOf(spans, 'hotels');
    expect(parentOf(hotels)).toBe(call);
    for (const statement of sqlSpansOf(spans, 'hotels')) expect(parentOf(statement)).toBe(hotels);
    const bookingSql = sqlSpansOf(spans, 'bookings');
    // The booking's reservation (the statement that locks, counts the nights and inserts).
    const texts = bookingSql.map((s) => String(s.attributes['db.query.text']));
    expect(texts.filter((text) => text.includes('FROM reserve_booking('))).toHaveLength(1);
    for (const statement of bookingSql) expect(parentOf(statement)).toBe(bookings);
  });

  it("puts a partner key's lookup at accounts under the router's authentication", async () => {
    const partner = await signUp(
      stack.url,
      `partner-${randomBytes(4).toString('hex')}@e2e.test`,
      'PARTNER',
    );
    const created = await post<{ createApiKey: { secret: string } }>(
      stack.url,
      'mutation ($name: String!) { createApiKey(name: $name) { secret } }',
      { name: 'traced' },
      partner.auth,
    );
    const secret = String(created.body.data?.createApiKey.secret);
    const { traceId, header } = newTraceparent();
    // Partners run listed operations only: refused after authentication, which is what counts.
    await post(stack.url, '{ __typename }', {}, { 'x-api-key': secret, traceparent: header });
    const spans = await spansOf(
      traceId,
      (s) =>
        s.some((span) => span.service === 'accounts' && span.kind === SERVER) &&
        s.some((span) => span.name === 'router.authenticate'),
    );
    const authentication = only(spans, (s) => s.name === 'router.authenticate');
    expect(serverSpanOf(spans, 'accounts').parentSpanId).toBe(authentication.spanId);
  });

  it('starts a new trace without a traceparent, or with a malformed one', async () => {
    const cases: Record<string, string>[] = [
      {},
      { traceparent: '00-not-a-trace-01' },
      { traceparent: `00-${'0'.repeat(32)}-${'1'.repeat(16)}-01` },
    ];
    for (const headers of cases) {
      const res = await post(stack.url, '{ __typename }', {}, headers);
      expect(res.status).toBe(200);
      const [version, traceId, spanId] = res.headers.get('traceresponse')?.split('-') ?? [];
      expect(version).toBe('00');
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(traceId).not.toBe('0'.repeat(32));
      const spans = await spansOf(String(traceId), (s) => s.some((span) => span.kind === SERVER));
      // A root: nothing of the malformed header survived.
      expect(only(spans, (s) => s.spanId === spanId).parentSpanId).toBeUndefined();
    }
  });

  it('exports the spans still buffered when a router stops', async () => {
    // A router of its own whose batch waits a minute: only its shutdown can export in time.
    const router = await stack.startRouter({ OTEL_BSP_SCHEDULE_DELAY: '60000' });
    const { traceId, header } = newTraceparent();
    const res = await post(router.url, '{ __typename }', {}, { traceparent: header });
    expect(res.status).toBe(200);
    const spanId = res.headers.get('traceresponse')?.split('-')[2];
    expect(traceOf(traceId)).toEqual([]);
    await router.stop();
    expect(only(traceOf(traceId), (s) => s.kind === SERVER).spanId).toBe(spanId);
  });
});
