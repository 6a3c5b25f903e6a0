import { describe, expect, it } from 'vitest';
import { parseGatewayBenchArgs } from './options.ts';

describe('parseGatewayBenchArgs', () => {
  it("defaults to performance.md's method: 10 s, 50 connections, 3 rounds, everything", () => {
    expect(parseGatewayBenchArgs([])).toMatchObject({
      durationS: 10,
      connections: 50,
      rounds: 3,
      queries: ['search', 'signed-in', 'partner', 'mutations'],
      workloads: ['identical', 'varied'],
    });
  });
  it('quick mode shortens everything, explicit flags still win', () => {
    expect(parseGatewayBenchArgs(['--quick', '--connections', '20'])).toMatchObject({
      durationS: 2,
      connections: 20,
      rounds: 1,
      warmupS: 1,
    });
  });
  it('takes a baseline commit and a directory for CPU profiles; none by default', () => {
    expect(parseGatewayBenchArgs([])).not.toHaveProperty('baseline');
    expect(parseGatewayBenchArgs([])).not.toHaveProperty('cpuProfDir');
    expect(parseGatewayBenchArgs([])).not.toHaveProperty('subgraphCpuProfDir');
    const options = parseGatewayBenchArgs([
      '--baseline',
      'main',
      '--cpu-prof',
      'profiles',
      '--cpu-prof-subgraphs',
      'sub',
    ]);
    expect(options.baseline).toBe('main');
    expect(options.cpuProfDir).toMatch(/\/profiles$/);
    expect(options.subgraphCpuProfDir).toMatch(/\/sub$/);
  });
  it('narrows the gateways to those named by a word; every one by default', () => {
    expect(parseGatewayBenchArgs([])).not.toHaveProperty('only');
    expect(parseGatewayBenchArgs(['--only', 'cached, apollo']).only).toEqual(['cached', 'apollo']);
    expect(() => parseGatewayBenchArgs(['--only', 'cached,'])).toThrow(/--only/);
  });
  it('narrows queries and workloads', () => {
    const options = parseGatewayBenchArgs(['--queries', 'search,partner', '--workloads', 'varied']);
    expect(options.queries).toEqual(['search', 'partner']);
    expect(options.workloads).toEqual(['varied']);
  });
  it("runs the cached router's Redis row on the local Redis unless told otherwise", () => {
    expect(parseGatewayBenchArgs([]).redisUrl).toBe('redis://127.0.0.1:6379');
    expect(parseGatewayBenchArgs(['--redis', 'redis://cache:6380']).redisUrl).toBe(
      'redis://cache:6380',
    );
    expect(parseGatewayBenchArgs(['--redis', 'off']).redisUrl).toBeUndefined();
  });
  it('loads with wrk unless told to use autocannon; one generator per run', () => {
    expect(parseGatewayBenchArgs([]).loadGenerator).toBe('wrk');
    expect(parseGatewayBenchArgs(['--load', 'autocannon']).loadGenerator).toBe('autocannon');
    expect(() => parseGatewayBenchArgs(['--load', 'k6'])).toThrow(/k6/);
    expect(() => parseGatewayBenchArgs(['--load', 'wrk,autocannon'])).toThrow(/one of/);
  });
  it('refuses unknown names and non-positive numbers', () => {
    expect(() => parseGatewayBenchArgs(['--queries', 'search,nope'])).toThrow(/nope/);
    expect(() => parseGatewayBenchArgs(['--rounds', '0'])).toThrow(/rounds/);
    expect(() => parseGatewayBenchArgs(['--duration', 'ten'])).toThrow(/duration/);
    expect(() => parseGatewayBenchArgs(['--bogus'])).toThrow();
  });
});
