import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.ts';
import { requestIdFrom } from './request-id.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, log: createLogger({ service: 'test', destination }) };
}

describe('createLogger', () => {
  it('redacts tokens, API keys and passwords wherever a request logs them', () => {
    const { lines, log } = capture();
    log.info(
      {
        req: { headers: { authorization: 'Bearer secret-token', 'x-api-key': 'tsk_secret' } },
        variables: { input: { email: 'a@b.c', password: 'hunter2hunter2' } },
        token: 'jwt',
      },
      'request',
    );
    const text = JSON.stringify(lines);
    for (const secret of ['secret-token', 'tsk_secret', 'hunter2hunter2', '"jwt"']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('a@b.c');
    expect(lines[0]?.service).toBe('test');
  });
});

describe('trace ids in log lines', () => {
  it('names the active span on every line written in it, and nothing outside one', async () => {
    const manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
    try {
      const { lines, log } = capture();
      const span = new BasicTracerProvider().getTracer('test').startSpan('request');
      const { traceId, spanId } = span.spanContext();
      log.info('before');
      await context.with(trace.setSpan(context.active(), span), async () => {
        await Promise.resolve();
        log.info({ trace_id: 'own wins' }, 'own field');
        log.child({ requestId: 'r1' }).warn('inside');
      });
      log.info('after');
      expect(lines.map((line) => [line.msg, line.trace_id, line.span_id])).toEqual([
        ['before', undefined, undefined],
        ['own field', 'own wins', spanId],
        ['inside', traceId, spanId],
        ['after', undefined, undefined],
      ]);
    } finally {
      context.disable();
    }
  });
});

describe('requestIdFrom', () => {
  it('keeps a plain incoming id and replaces anything else', () => {
    expect(requestIdFrom('abc-123')).toBe('abc-123');
    for (const unsafe of ['a b', 'x'.repeat(200), 'evil\r\nheader: 1', undefined]) {
      expect(requestIdFrom(unsafe)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
