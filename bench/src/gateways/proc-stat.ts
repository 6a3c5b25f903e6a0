import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in ticks of 1/100 s on every architecture. */
const TICKS_PER_SECOND = 100;

/** What the bench reads of one /proc/<pid>/stat line. */
export interface ProcStat {
  /** The command name (field 2, without its parentheses). */
  name: string;
  /** utime + stime, in ms. */
  cpuMs: number;
  /** cutime + cstime, in ms: the CPU of the children it has waited for (exited ones). */
  exitedChildrenCpuMs: number;
}

/**
 * The text of /proc/<pid>/stat, read. The command name (field 2, in parentheses) may itself
 * hold spaces and parentheses, so fields are counted from the last `)`: utime, stime, cutime
 * and cstime are fields 14 to 17.
 */
export function parseProcStat(stat: string): ProcStat {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error('not a /proc/<pid>/stat line');
  // After ")": field 3 (state) is the first.
  const fields = stat
    .slice(close + 2)
    .trim()
    .split(/\s+/)
    .slice(14 - 3, 17 - 3 + 1)
    .map(Number);
  if (fields.length < 4 || !fields.every(Number.isFinite)) {
    throw new Error('no utime/stime in /proc/<pid>/stat');
  }
  const [utime = 0, stime = 0, cutime = 0, cstime = 0] = fields;
  const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;
  return {
    name: stat.slice(open + 1, close),
    cpuMs: ms(utime + stime),
    exitedChildrenCpuMs: ms(cutime + cstime),
  };
}

/** CPU ms the process has used so far (Linux only: the bench measures on Linux). */
export function readCpuMs(pid: number): number {
  return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).cpuMs;
}

/**
 * CPU ms every PostgreSQL process on this machine has used so far: the server's backends
 * (one per connection), its own processes, and the backends that already exited (counted in
 * the postmaster's children's time). The subgraphs' databases live there; no other bench work
 * does. A process that exits between two readings moves its time to its parent's children's
 * time, so the sum only grows.
 */
export function readPostgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: ProcStat;
    try {
      stat = parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
    } catch {
      continue; // gone since the listing
    }
    if (stat.name === 'postgres') total += stat.cpuMs + stat.exitedChildrenCpuMs;
  }
  return total;
}

/** `/proc/loadavg`'s 1, 5 and 15 minute averages, as printed in the report's header. */
export function readLoadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}
