import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { bodyOf } from './response-cache.ts';
import { createSerializedBodies } from './serialized-bodies.ts';

// What Apollo Server hands `stringifyResult` (its orderExecutionResultFields).
const ordered = (result: { data?: unknown; errors?: unknown; extensions?: unknown }) =>
  ({ errors: result.errors, data: result.data, extensions: result.extensions }) as never;

describe('createSerializedBodies', () => {
  it('prints what Apollo Server prints by default, remembered or not', () => {
    const bodies = createSerializedBodies();
    const data = { hotel: { name: 'A "quoted" ü', rooms: [1, 2], none: null } };
    const results = [
      { data },
      { data: { other: true } },
      { errors: [{ message: 'no' }], data: null },
      { data, extensions: { cost: 3 } },
    ];
    const before = results.map((result) => bodies.stringifyResult(ordered(result)));
    expect(bodies.bodyOf(data)).toBe(`${JSON.stringify({ data })}\n`);
    for (const [i, result] of results.entries()) {
      const expected = `${JSON.stringify(ordered(result))}\n`;
      expect(before[i]).toBe(expected);
      expect(bodies.stringifyResult(ordered(result))).toBe(expected);
    }
  });

  it('sends the body it serialized for that data object instead of serializing again', () => {
    const bodies = createSerializedBodies();
    const data: Record<string, unknown> = { hotel: { name: 'A' } };
    const body = bodies.bodyOf(data);
    // Changed afterwards (no plugin does): the remembered body shows it was not printed again.
    data.hotel = { name: 'B' };
    expect(bodies.stringifyResult(ordered({ data }))).toBe(body);
    // Another object with the same content is printed as usual.
    expect(bodies.stringifyResult(ordered({ data: { hotel: { name: 'B' } } }))).toBe(
      bodyOf({ hotel: { name: 'B' } }),
    );
  });

  it('never reuses a body for a result with errors or extensions', () => {
    const bodies = createSerializedBodies();
    const data = { hotel: null };
    bodies.remember(data, 'stored bytes\n');
    expect(bodies.stringifyResult(ordered({ data }))).toBe('stored bytes\n');
    const errors = [new GraphQLError('boom').toJSON()];
    expect(bodies.stringifyResult(ordered({ data, errors }))).toBe(
      `${JSON.stringify({ errors, data })}\n`,
    );
    expect(bodies.stringifyResult(ordered({ data, extensions: { a: 1 } }))).toBe(
      `${JSON.stringify({ data, extensions: { a: 1 } })}\n`,
    );
  });
});
