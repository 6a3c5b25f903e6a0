import DataLoader from 'dataloader';
import { describe, expect, it } from 'vitest';
import { lazyLoaders } from './lazy-loaders.ts';

function counted() {
  const made: string[] = [];
  const makeLoaders = lazyLoaders(
    (prefix: string) => {
      made.push(`${prefix}:ids`);
      return { byId: new DataLoader<string, string>(async (ids) => ids.map((id) => prefix + id)) };
    },
    (prefix: string) => {
      made.push(`${prefix}:pages`);
      const pages = new Map<string, number>();
      return {
        page: (key: string) => pages.set(key, (pages.get(key) ?? 0) + 1).get(key),
        clearPages: () => pages.clear(),
      };
    },
  );
  return { made, makeLoaders };
}

describe('lazyLoaders', () => {
  it('makes a group when one of its loaders is first read, once per request', async () => {
    const { made, makeLoaders } = counted();
    makeLoaders('warm');
    made.length = 0;

    const loaders = makeLoaders('a:');
    expect(made).toEqual([]);
    expect(await loaders.byId.load('1')).toBe('a:1');
    expect(loaders.byId).toBe(loaders.byId);
    expect(made).toEqual(['a::ids']);
    expect(loaders.page('x')).toBe(1);
    expect(loaders.page('x')).toBe(2);
    loaders.clearPages();
    expect(loaders.page('x')).toBe(1);
    expect(made).toEqual(['a::ids', 'a::pages']);
  });

  it('gives every request its own loaders', async () => {
    const { makeLoaders } = counted();
    const first = makeLoaders('a:');
    const second = makeLoaders('b:');
    expect(first.byId).not.toBe(second.byId);
    expect(await second.byId.load('1')).toBe('b:1');
    first.page('x');
    expect(second.page('x')).toBe(1);
  });

  it('refuses two groups with a loader of the same name', () => {
    const makeLoaders = lazyLoaders(
      () => ({ byId: 1 }),
      () => ({ byId: 2 }),
    );
    expect(() => makeLoaders(undefined)).toThrow('two loader groups define byId');
  });
});
