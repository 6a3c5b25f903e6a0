// The load generator in a process of its own (never in a gateway's, nor the bench's, which
// reads /proc meanwhile): forked by run-load.ts, it runs autocannon once per message.
import autocannon from 'autocannon';
import {
  createSequenceFactory,
  type Fixtures,
  type QueryName,
  type Workload,
} from './workloads.ts';

export interface LoadSpec {
  /** `http://host:port` of the gateway; requests go to `/graphql`. */
  origin: string;
  query: QueryName;
  workload: Workload;
  fixtures: Fixtures;
  /** Our routers get persisted ids and API keys; the peers full queries and tokens. */
  router: boolean;
  durationS: number;
  connections: number;
  seed: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Answers counted as they came (2xx and not), to divide CPU time by. */
  completed: number;
  /** Non-2xx, socket errors, timeouts, and 2xx answers whose body holds `errors`. */
  errors: number;
  /** The first failing answer, to say what went wrong. */
  firstError?: string;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const sequenceFor = createSequenceFactory(spec.query, spec.workload, spec.fixtures, {
    router: spec.router,
    seed: spec.seed,
  });
  let completed = 0;
  let failedAnswers = 0;
  let firstError: string | undefined;
  // autocannon numbers nothing per connection: each connection's context gets its sequence
  // on its first request.
  let connections = 0;
  interface Context {
    sequence?: ReturnType<typeof sequenceFor>;
    answer?: string;
  }
  const result = await autocannon({
    url: `${spec.origin}/graphql`,
    connections: spec.connections,
    duration: spec.durationS,
    requests: [
      {
        setupRequest(request, context: Context) {
          context.sequence ??= sequenceFor(connections++);
          const next = context.sequence.next(context.answer);
          return { ...request, method: 'POST', path: '/graphql', ...next };
        },
        onResponse(status, body, context: Context) {
          completed++;
          context.answer = body;
          if (status >= 200 && status < 300 && body.includes('"errors"')) {
            failedAnswers++;
            firstError ??= body.slice(0, 300);
          } else if (status >= 300) {
            firstError ??= `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    completed,
    errors: result.non2xx + result.errors + result.timeouts + failedAnswers,
    ...(firstError ? { firstError } : {}),
  };
}

if (process.send) {
  process.on('message', async (spec: LoadSpec) => {
    try {
      process.send?.({ ok: true, result: await runLoad(spec) });
    } catch (error) {
      process.send?.({ ok: false, error: String(error) });
    }
  });
}
