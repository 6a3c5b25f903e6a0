import { describe, expect, it } from 'vitest';
import { formatRatio, median, perRequest } from './stats.ts';

describe('median', () => {
  it('takes the middle of an odd count, whatever the order', () => {
    expect(median([30, 10, 20])).toBe(20);
  });
  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('is 0 for no values and leaves its input unsorted', () => {
    const values = [3, 1, 2];
    expect(median([])).toBe(0);
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('formatRatio', () => {
  it('prints a / b with two decimals', () => {
    expect(formatRatio(300, 200)).toBe('1.50x');
    expect(formatRatio(1, 3)).toBe('0.33x');
  });
  it('is n/a against a missing or zero base (a peer that failed)', () => {
    expect(formatRatio(10, 0)).toBe('n/a');
    expect(formatRatio(10, undefined)).toBe('n/a');
    expect(formatRatio(undefined, 10)).toBe('n/a');
    expect(formatRatio(Number.NaN, 10)).toBe('n/a');
  });
});

describe('perRequest', () => {
  it('divides CPU ms by requests, two decimals', () => {
    expect(perRequest(5850, 1000)).toBe(5.85);
    expect(perRequest(1, 3)).toBe(0.33);
  });
  it('is n/a when nothing completed', () => {
    expect(perRequest(120, 0)).toBe('n/a');
  });
});
