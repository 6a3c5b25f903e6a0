import { describe, expect, it } from 'vitest';
import { clientLabel } from './client-identity.ts';

describe('clientLabel', () => {
  it.each([
    [undefined, 'unknown'],
    ['', 'unknown'],
    ['   ', 'unknown'],
    ['web-app', 'web-app'],
    ['ios_app.v2', 'ios_app.v2'],
    [['first', 'second'], 'first'],
    ['évil "name"{x}', '_vil__name__x_'],
    ['a'.repeat(100), 'a'.repeat(64)],
  ])('%j → %s', (header, label) => {
    expect(clientLabel(header)).toBe(label);
  });
});
