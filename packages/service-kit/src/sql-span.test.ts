import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlTargetOf, tracedQuery } from './sql-span.ts';

const exporter = new InMemorySpanExporter();
const tracer = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(exporter)],
}).getTracer('test');
const target = sqlTargetOf('postgresql://u:p@db.internal:6543/hotels?schema=public');

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(() => {
  context.disable();
});

/** Runs `fn` inside a request's span, as the subgraph server does. */
function inRequest<T>(fn: () => T): T {
  const request = tracer.startSpan('POST /graphql');
  return context.with(trace.setSpan(context.active(), request), fn);
}

describe('tracedQuery', () => {
  it("spans a statement answered by promise, as a child of the request's span", async () => {
    exporter.reset();
    const query = async (..._args: unknown[]) => ({ rows: [] });
    await inRequest(() => tracedQuery(tracer, target, query, 'SELECT 1 FROM "Hotel"')({}));
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('SELECT hotels');
    expect(span?.attributes).toMatchObject({
      'db.system.name': 'postgresql',
      'db.namespace': 'hotels',
      'db.query.text': 'SELECT 1 FROM "Hotel"',
      'server.address': 'db.internal',
      'server.port': 6543,
    });
    expect(span?.parentSpanContext?.spanId).toBeDefined();
  });

  it('ends the span through a callback too, marking failures', async () => {
    exporter.reset();
    const query = (...args: unknown[]) => {
      const done = args.at(-1) as (error: Error | null) => void;
      setImmediate(() => done(new Error('deadlock detected')));
    };
    await inRequest(
      () =>
        new Promise<void>((resolve) =>
          tracedQuery(
            tracer,
            target,
            query,
            'update "Booking" set x = 1',
          )('update', () => resolve()),
        ),
    );
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('UPDATE hotels');
    expect(span?.status).toMatchObject({ code: 2, message: 'deadlock detected' });
  });

  it('makes no span outside a request (seeding, sweepers)', async () => {
    exporter.reset();
    const query = async () => ({ rows: [] });
    await tracedQuery(tracer, target, query, 'SELECT 1')({});
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
