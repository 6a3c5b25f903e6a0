import { describe, expect, it } from 'vitest';
import { parseProcStat, readCpuMs } from './proc-stat.ts';

// A real line (from `cat /proc/self/stat`) with utime 7 and stime 3 ticks.
const line =
  '8390 (cat) R 8385 8385 6294 0 -1 4194304 103 0 0 0 7 3 0 0 20 0 1 0 566710 3133440 411 ' +
  '18446744073709551615 94359706169344 94359706189225 140730911661888 0 0 0 0 0 0 0 0 0 17 1';

describe('parseProcStat', () => {
  it('adds utime and stime, in ms (ticks of 10 ms)', () => {
    expect(parseProcStat(line).cpuMs).toBe(100);
  });
  it('counts fields from the last parenthesis: a command name may hold spaces and ")"', () => {
    const odd = line.replace('(cat)', '(node ) (x) y)');
    expect(parseProcStat(odd).cpuMs).toBe(100);
  });
  it("reads the command name and the exited children's time (cutime + cstime) too", () => {
    const parent = line.replace(' 7 3 0 0 20 ', ' 7 3 40 2 20 ');
    expect(parseProcStat(parent)).toEqual({ name: 'cat', cpuMs: 100, exitedChildrenCpuMs: 420 });
    const odd = parent.replace('(cat)', '(node ) (x) y)');
    expect(parseProcStat(odd).name).toBe('node ) (x) y');
  });
  it('refuses text that is not a stat line', () => {
    expect(() => parseProcStat('hello')).toThrow(/stat/);
    expect(() => parseProcStat('1 (x) R 1')).toThrow(/utime/);
  });
  it('reads this process, whose CPU time only grows', () => {
    const before = readCpuMs(process.pid);
    let spin = 0;
    for (let i = 0; i < 5e7; i++) spin += i;
    expect(spin).toBeGreaterThan(0);
    expect(readCpuMs(process.pid)).toBeGreaterThanOrEqual(before);
  });
});
