import { describe, expect, it } from 'vitest';
import { createMemoryWindows } from './memory-windows.ts';

describe('createMemoryWindows', () => {
  it('adds up a key within its window, refused spends included, then starts anew', () => {
    let now = 1_000_000;
    const windows = createMemoryWindows(60, () => now);
    expect(windows.consume('a', 4)).toEqual({ consumed: 4, endsAt: now + 60_000 });
    now += 59_999;
    expect(windows.consume('a', 7).consumed).toBe(11);
    expect(windows.consume('b', 1).consumed).toBe(1);
    now += 1;
    expect(windows.consume('a', 2)).toEqual({ consumed: 2, endsAt: now + 60_000 });
    expect(windows.consume('b', 1).consumed).toBe(2);
  });

  it('starts a key afresh long after its window ended', () => {
    let now = 0;
    const windows = createMemoryWindows(1, () => now);
    windows.consume('a', 5);
    now = 5_000;
    windows.consume('b', 1);
    expect(windows.consume('a', 1)).toEqual({ consumed: 1, endsAt: 6_000 });
  });
});
