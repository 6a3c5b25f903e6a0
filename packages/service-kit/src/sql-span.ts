import { context, SpanKind, trace } from '@opentelemetry/api';
import { recordError, type Span, type Tracer } from '@travel/tracing';
import type pg from 'pg';

type Query = (...args: unknown[]) => unknown;

/** Where the statements go, as OpenTelemetry's database conventions name it. */
export interface SqlTarget {
  database: string;
  host: string;
  port: number;
}

export function sqlTargetOf(url: string): SqlTarget {
  const parsed = new URL(url);
  return {
    database: decodeURIComponent(parsed.pathname.slice(1)),
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
  };
}

/**
 * `query` (a pg client's), with a CLIENT span around every statement: `SELECT hotels`, with
 * `db.query.text` (Prisma sends parameters separately, so no value is in it). The span ends when
 * pg answers, through a callback or a promise, whichever the caller used. Statements outside a
 * traced request (seeding, the hold sweeper, readiness checks) make no span: thousands of
 * one-span traces would bury the requests'.
 */
export function tracedQuery(tracer: Tracer, target: SqlTarget, query: Query, sql: string): Query {
  return (...args: unknown[]) => {
    if (!trace.getSpan(context.active())) return query(...args);
    const span = tracer.startSpan(`${operationOf(sql)} ${target.database}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system.name': 'postgresql',
        'db.namespace': target.database,
        'db.operation.name': operationOf(sql),
        'db.query.text': sql,
        'server.address': target.host,
        'server.port': target.port,
      },
    });
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (error: unknown, ...rest: unknown[]) => {
        end(span, error);
        return callback(error, ...rest);
      };
      return query(...args);
    }
    const result = query(...args);
    if (result instanceof Promise) {
      return result.then(
        (value) => {
          end(span, undefined);
          return value;
        },
        (error) => {
          end(span, error);
          throw error;
        },
      );
    }
    end(span, undefined);
    return result;
  };
}

function end(span: Span, error: unknown) {
  if (error) recordError(span, error);
  span.end();
}

/** The statement's first keyword, upper-cased: `SELECT`, `INSERT`, `BEGIN` … */
function operationOf(sql: string): string {
  return /^\s*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
}

/**
 * pg's pool answers a waiting `connect` from whichever request released a client, in that
 * request's async context: a statement would then join another request's trace. Binding the
 * callback to its caller's context keeps every statement in its own trace (what OpenTelemetry's
 * pg instrumentation does too).
 */
export function bindPoolConnect(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as { connect: unknown }).connect = (...args: unknown[]) => {
    const callback = args[0];
    if (typeof callback !== 'function') return connect(...args);
    return connect(context.bind(context.active(), callback as (...a: unknown[]) => unknown));
  };
}
