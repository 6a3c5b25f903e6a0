import { afterAll, expect, it } from 'vitest';
import { startForFile } from './for-file.ts';

let stops = 0;
// Registered first, so it runs after startForFile's own afterAll (after-hooks run as a stack).
afterAll(() => {
  expect(stops).toBe(1);
});

const read = startForFile(async () => ({
  name: 'started',
  async stop() {
    stops++;
  },
}));
const readTooEarly = (() => {
  try {
    return read().name;
  } catch (error) {
    return (error as Error).message;
  }
})();

it('refuses a read before beforeAll, then hands over what it started', () => {
  expect(readTooEarly).toBe('read before beforeAll started it');
  expect(read().name).toBe('started');
  expect(stops).toBe(0);
});
