import { describe, expect, it } from 'vitest';
import { byteSize } from './json-body.ts';

describe('byteSize', () => {
  it('reads BODY_LIMIT in binary units, as express.json did', () => {
    expect(byteSize('512b')).toBe(512);
    expect(byteSize('100kb')).toBe(100 * 1024);
    expect(byteSize('1mb')).toBe(1024 * 1024);
    expect(byteSize('2MB')).toBe(2 * 1024 * 1024);
  });

  it('refuses what is not a size', () => {
    expect(() => byteSize('huge')).toThrow('Not a byte size: huge');
    expect(() => byteSize('1gb')).toThrow();
  });
});
