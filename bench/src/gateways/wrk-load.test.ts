import { describe, expect, it } from 'vitest';
import { parseWrkOutput, requestLines } from './wrk-load.ts';

describe('requestLines', () => {
  it('writes one line per request: the body, then header names and values, tab-separated', () => {
    const lines = requestLines([
      { headers: { 'content-type': 'application/json', 'x-api-key': 'k1' }, body: '{"a":"\\t"}' },
      { headers: {}, body: '{}' },
    ]);
    expect(lines.split('\n')).toEqual([
      '{"a":"\\t"}\tcontent-type\tapplication/json\tx-api-key\tk1',
      '{}',
    ]);
  });
  it('refuses a body the line format can not carry', () => {
    expect(() => requestLines([{ headers: {}, body: 'a\tb' }])).toThrow(/raw tab/);
    expect(() => requestLines([{ headers: {}, body: 'a\nb' }])).toThrow(/raw tab/);
  });
});

describe('parseWrkOutput', () => {
  it("reads the script's JSON line: rate over its duration, latencies in ms, errors summed", () => {
    const stdout = [
      'Running 2s test @ http://127.0.0.1:1/graphql',
      'WRK_RESULT {"completed":3000,"durationUs":2000000,"p50Us":1234,"p99Us":9876,"socketErrors":2,"failed":5}',
      'WRK_FIRST_ERROR 200 {"errors":[{"message":"no"}]}',
    ].join('\n');
    expect(parseWrkOutput(stdout)).toEqual({
      rps: 1500,
      p50: 1.23,
      p99: 9.88,
      completed: 3000,
      errors: 7,
      firstError: '200 {"errors":[{"message":"no"}]}',
    });
  });
  it('has no first error when every answer succeeded, and fails loudly on foreign output', () => {
    const ok =
      'WRK_RESULT {"completed":1,"durationUs":1000000,"p50Us":1,"p99Us":1,"socketErrors":0,"failed":0}\nWRK_FIRST_ERROR \n';
    expect(parseWrkOutput(ok)).not.toHaveProperty('firstError');
    expect(() => parseWrkOutput('unable to connect')).toThrow(/no result/);
  });
});
