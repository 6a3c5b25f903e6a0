import { createHash } from 'node:crypto';

/** mulberry32: a tiny seeded PRNG, so the demo data is the same on every machine. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}

/**
 * A stable UUID for a demo row, derived from its name ("hotel:17"): ids must agree across the
 * four databases (a hotel's owner is an accounts user) and across runs.
 */
export function demoId(name: string): string {
  const hex = createHash('sha256').update(`travel-demo:${name}`).digest('hex');
  // Shape it as a version-4 variant-1 UUID so every UUID parser accepts it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
