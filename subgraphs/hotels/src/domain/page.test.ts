import { encodeCursor } from '@travel/service-kit';
import { describe, expect, it } from 'vitest';
import { uuidPage } from './page.ts';

const id = '01a1ffa9-de7a-7648-93dd-6b2d4f9481c2';

describe('uuidPage', () => {
  it('reads first and a uuid cursor', () => {
    expect(uuidPage(5, encodeCursor(id.toUpperCase()), 10)).toEqual({ take: 5, afterId: id });
    expect(uuidPage(undefined, null, 10)).toEqual({ take: 10, afterId: undefined });
  });

  it('refuses a cursor that is not a uuid instead of letting Postgres fail', () => {
    expect(() => uuidPage(5, encodeCursor('42'), 10)).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }),
    );
  });

  it.each([-1, 101])('refuses first = %s', (first) => {
    expect(() => uuidPage(first, null, 10)).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } }),
    );
  });
});
