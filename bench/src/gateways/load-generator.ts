// The load generator in a process of its own (never in a gateway's, nor the bench's, which
// reads /proc meanwhile): forked by run-load.ts, it runs wrk (in a child process of its own) or
// autocannon once per message.
import autocannon from 'autocannon';
import type { LoadGeneratorName } from './options.ts';
import {
  CYCLE_LENGTHS,
  createSequenceFactory,
  type Fixtures,
  type QueryName,
  READS_ANSWERS,
  type RequestSpec,
  type Sequence,
  VARIED_LIST_LENGTH,
  type Workload,
} from './workloads.ts';
import { runWrk } from './wrk-load.ts';

interface LoadTarget {
  /** `http://host:port` of the service; requests go to `/graphql`. */
  origin: string;
  durationS: number;
  connections: number;
  /**
   * Default autocannon. wrk sends fixed lists only: a workload whose requests read the previous
   * answer (READS_ANSWERS) runs on autocannon whatever this says.
   */
  generator?: LoadGeneratorName;
  /**
   * Stop once this many answers came (a few in flight then may count too; `durationS` is then
   * a cap); default: at `durationS`.
   */
  maxRequests?: number;
}

/** One of the gateway bench's workloads. */
export interface WorkloadSpec extends LoadTarget {
  query: QueryName;
  workload: Workload;
  fixtures: Fixtures;
  /** Our routers get persisted ids and API keys; the peers full queries and tokens. */
  router: boolean;
  seed: number;
}

/** Fixed requests sent in turn on every connection (the subgraph bench replays a gateway's). */
export interface ReplaySpec extends LoadTarget {
  requests: RequestSpec[];
}

export type LoadSpec = WorkloadSpec | ReplaySpec;

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
  /** Requests the sequences still owe once the load stopped (Sequence.leftover): not sent. */
  leftovers: RequestSpec[];
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const wrkRequests = spec.generator === 'wrk' ? fixedRequests(spec) : undefined;
  if (wrkRequests) return runWrk({ ...spec, requests: wrkRequests });
  const sequenceFor =
    'requests' in spec
      ? replay(spec.requests)
      : createSequenceFactory(spec.query, spec.workload, spec.fixtures, {
          router: spec.router,
          seed: spec.seed,
        });
  let completed = 0;
  let failedAnswers = 0;
  let firstError: string | undefined;
  // autocannon numbers nothing per connection, and gives a connection a fresh context at each
  // pass over its `requests`: the list holds one cycle of the workload (one request but for the
  // mutation mix's booking and cancel), and a context gets a sequence on its first request.
  const cycle = 'requests' in spec ? 1 : (CYCLE_LENGTHS[spec.query] ?? 1);
  let started = 0;
  interface Context {
    sequence?: ReturnType<typeof sequenceFor>;
    answer?: string;
  }
  const contexts: Context[] = [];
  const step: autocannon.Request = {
    setupRequest(request, context: Context) {
      if (!context.sequence) {
        context.sequence = sequenceFor(started++);
        contexts.push(context);
      }
      const next = context.sequence.next(context.answer);
      // A copy of the headers: autocannon adds its Content-Length to the object it is given,
      // which the sequence may send again (a leftover) or reuse with another body.
      return {
        ...request,
        method: 'POST',
        path: '/graphql',
        ...next,
        headers: { ...next.headers },
      };
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
  };
  const result = await autocannon({
    url: `${spec.origin}/graphql`,
    connections: spec.connections,
    duration: spec.durationS,
    ...(spec.maxRequests ? { maxOverallRequests: spec.maxRequests } : {}),
    requests: Array.from({ length: cycle }, () => step),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    completed,
    errors: result.non2xx + result.errors + result.timeouts + failedAnswers,
    ...(firstError ? { firstError } : {}),
    leftovers: contexts.flatMap((context) => context.sequence?.leftover?.(context.answer) ?? []),
  };
}

/** The list a workload sends in turn, or undefined when its requests read earlier answers. */
function fixedRequests(spec: LoadSpec): RequestSpec[] | undefined {
  if ('requests' in spec) return spec.requests;
  if (READS_ANSWERS.includes(spec.query)) return undefined;
  const sequence = createSequenceFactory(spec.query, spec.workload, spec.fixtures, {
    router: spec.router,
    seed: spec.seed,
  })(0);
  const count = spec.workload === 'identical' ? 1 : VARIED_LIST_LENGTH;
  return Array.from({ length: count }, () => sequence.next(undefined));
}

/** Each connection sends `requests` in turn, from a different one than its neighbour. */
function replay(requests: RequestSpec[]): (connection: number) => Sequence {
  if (requests.length === 0) throw new Error('nothing to replay');
  return (connection) => {
    let turn = connection;
    return { next: () => requests[turn++ % requests.length] as RequestSpec };
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
