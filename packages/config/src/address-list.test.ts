import { describe, expect, it } from 'vitest';
import { addressList, isAddressOrRange } from './address-list.ts';

describe('addressList', () => {
  it('splits, trims and drops empty entries; unset is the fallback', () => {
    expect(addressList([]).parse(' 10.0.0.1, 10.1.0.0/16 ,,::1 ')).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      '::1',
    ]);
    expect(addressList(['loopback']).parse(undefined)).toEqual(['loopback']);
    expect(addressList(['loopback']).parse('')).toEqual([]);
  });

  it('refuses what is not an address, a CIDR or a range name', () => {
    for (const bad of [
      'example.com',
      '10.0.0.1/33',
      '::1/129',
      '10.0.0/8',
      'loopback/8',
      '1.2.3.4/x',
    ]) {
      expect(isAddressOrRange(bad), bad).toBe(false);
    }
    expect(addressList([]).safeParse('10.0.0.1,nope').success).toBe(false);
  });
});
