import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in ticks of 1/100 s on every architecture. */
const TICKS_PER_SECOND = 100;

/**
 * utime + stime of a process, in ms, from the text of /proc/<pid>/stat. The command name
 * (field 2, in parentheses) may itself hold spaces and parentheses, so fields are counted from
 * the last `)`: utime and stime are fields 14 and 15.
 */
export function parseProcStatCpuMs(stat: string): number {
  const close = stat.lastIndexOf(')');
  if (close < 0) throw new Error('not a /proc/<pid>/stat line');
  // After ")": field 3 (state) is the first.
  const fields = stat
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) {
    throw new Error('no utime/stime in /proc/<pid>/stat');
  }
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/** CPU ms the process has used so far (Linux only: the bench measures on Linux). */
export function readCpuMs(pid: number): number {
  return parseProcStatCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** `/proc/loadavg`'s 1, 5 and 15 minute averages, as printed in the report's header. */
export function readLoadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}
