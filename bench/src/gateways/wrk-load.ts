// wrk as the load generator: a C program, so the load costs the machine's two cores far less
// than autocannon's Node process does, and its pauses do not show in every p99. It sends fixed
// lists of requests; a workload whose next request reads the previous answer stays with
// autocannon (load-generator.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadResult } from './load-generator.ts';
import type { RequestSpec } from './workloads.ts';

const SCRIPT = fileURLToPath(new URL('./wrk-requests.lua', import.meta.url));

export interface WrkSpec {
  origin: string;
  durationS: number;
  connections: number;
  /** Sent in turn by every connection, from the first again once all were sent. */
  requests: RequestSpec[];
  /**
   * Stop once this many answers came (a few in flight then may count too; `durationS` is then
   * a cap); default: at `durationS`.
   */
  maxRequests?: number;
}

/** One line per request, as wrk-requests.lua reads them. */
export function requestLines(requests: readonly RequestSpec[]): string {
  return requests
    .map(({ body, headers }) => {
      if (/[\t\n]/.test(body)) throw new Error('a request body holds a raw tab or newline');
      return [body, ...Object.entries(headers).flat()].join('\t');
    })
    .join('\n');
}

interface WrkSummary {
  completed: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  socketErrors: number;
  failed: number;
}

/** What wrk-requests.lua printed, as the bench's load result (latencies in ms). */
export function parseWrkOutput(stdout: string): Omit<LoadResult, 'leftovers'> {
  const line = stdout.split('\n').find((l) => l.startsWith('WRK_RESULT '));
  if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
  const summary = JSON.parse(line.slice('WRK_RESULT '.length)) as WrkSummary;
  const firstError = /^WRK_FIRST_ERROR (.+)$/m.exec(stdout)?.[1];
  const ms = (us: number) => Math.round(us / 10) / 100;
  return {
    rps: summary.completed / (summary.durationUs / 1e6),
    p50: ms(summary.p50Us),
    p99: ms(summary.p99Us),
    completed: summary.completed,
    errors: summary.socketErrors + summary.failed,
    ...(firstError ? { firstError } : {}),
  };
}

export async function runWrk(spec: WrkSpec): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-wrk-'));
  try {
    const file = join(dir, 'requests.txt');
    writeFileSync(file, requestLines(spec.requests));
    // One thread: wrk's one event loop keeps 50 connections busy with a fraction of a core, and
    // one thread walks one list, so concurrent requests differ.
    const args = ['-t1', `-c${spec.connections}`, `-d${spec.durationS}s`, '--timeout', '10s'];
    const script = ['-s', SCRIPT, `${spec.origin}/graphql`, '--', file];
    const stdout = await wrk([...args, ...script, String(spec.maxRequests ?? 0)]);
    return { ...parseWrkOutput(stdout), leftovers: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** wrk's output; interrupted (so that it reports at once) when the script says it stopped. */
function wrk(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('WRK_STOPPED')) child.kill('SIGINT');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error('wrk is not installed: `apt-get install wrk`, or `--load autocannon`')
          : error,
      ),
    );
    child.once('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`wrk exited ${code}: ${stderr || stdout}`)),
    );
  });
}
