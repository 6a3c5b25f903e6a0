import { describe, expect, it } from 'vitest';
import { isUuid } from './ids.ts';
import { byIdLoader } from './loaders.ts';

describe('ids', () => {
  it('recognises canonical UUIDs only', () => {
    expect(isUuid('0195f3e0-1c2d-7a3b-8c4d-5e6f7a8b9c0d')).toBe(true);
    expect(isUuid('0195F3E0-1C2D-7A3B-8C4D-5E6F7A8B9C0D')).toBe(true);
    for (const bad of ['', '42', 'not-a-uuid', '0195f3e01c2d7a3b8c4d5e6f7a8b9c0d', "' OR 1=1 --"]) {
      expect(isUuid(bad)).toBe(false);
    }
  });

  it('loads many ids with one call and never sends a malformed one', async () => {
    const calls: string[][] = [];
    const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    const loader = byIdLoader(async (ids) => {
      calls.push(ids);
      return ids.filter((x) => x !== id(2)).map((x) => ({ id: x }));
    });
    const rows = await Promise.all(
      [id(1), id(2), 'bad', id(1).toUpperCase()].map((k) => loader.load(k)),
    );
    expect(rows).toEqual([{ id: id(1) }, null, null, { id: id(1) }]);
    expect(calls).toEqual([[id(1), id(2)]]);
  });
});
