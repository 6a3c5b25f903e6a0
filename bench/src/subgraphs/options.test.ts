import { describe, expect, it } from 'vitest';
import { parseSubgraphBenchArgs } from './options.ts';

describe('parseSubgraphBenchArgs', () => {
  it('defaults to every query, three rounds, no baseline', () => {
    const options = parseSubgraphBenchArgs([]);
    expect(options).toMatchObject({
      rounds: 3,
      durationS: 10,
      queries: ['search', 'signed-in', 'partner'],
    });
    expect(options.baseline).toBeUndefined();
  });

  it('takes a baseline and quick mode, explicit flags winning', () => {
    const options = parseSubgraphBenchArgs(['--quick', '--baseline', 'abc123', '--rounds', '2']);
    expect(options).toMatchObject({ baseline: 'abc123', rounds: 2, durationS: 3 });
  });

  it('takes a directory for CPU profiles, made absolute', () => {
    expect(parseSubgraphBenchArgs(['--cpu-prof', 'profiles']).cpuProfDir).toBe(
      `${process.cwd()}/profiles`,
    );
    expect(parseSubgraphBenchArgs([]).cpuProfDir).toBeUndefined();
  });

  it('refuses unknown queries and non-positive numbers', () => {
    expect(() => parseSubgraphBenchArgs(['--queries', 'search,nope'])).toThrow(/nope/);
    expect(() => parseSubgraphBenchArgs(['--duration', '0'])).toThrow(/duration/);
  });
});
