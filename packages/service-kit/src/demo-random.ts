import { createHash } from 'node:crypto';

/**
 * mulberry32: a tiny seeded PRNG (floats in [0, 1)), so demo data is the same on every machine
 * and every run.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A stable UUID for a demo row, derived from its name ("hotel:17"): ids must agree across the
 * four databases (a hotel's owner is an accounts user) and across runs, so seeding twice
 * writes nothing new.
 */
export function demoId(name: string): string {
  const hex = createHash('sha256').update(`travel-demo:${name}`).digest('hex');
  // Shaped as a version-4 variant-1 UUID so every UUID parser accepts it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
