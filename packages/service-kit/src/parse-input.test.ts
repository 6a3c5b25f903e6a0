import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseInput } from './parse-input.ts';

const Input = z.object({
  name: z.string().trim().min(1, 'must not be empty'),
  tags: z.array(z.string().max(3, 'must be at most 3 characters')).default([]),
});

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return error as { message: string; extensions: Record<string, unknown> };
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('parseInput', () => {
  it("returns the schema's output", () => {
    expect(parseInput(Input, { name: ' Ada ' }, 'input')).toEqual({ name: 'Ada', tags: [] });
  });

  it('names the field by its path from the argument, in the field and the message', () => {
    expect(refusal(() => parseInput(Input, { name: ' ' }, 'input'))).toMatchObject({
      message: 'input.name must not be empty',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.name' },
    });
    expect(
      refusal(() => parseInput(Input, { name: 'A', tags: ['ok', 'long'] }, 'input')),
    ).toMatchObject({
      message: 'input.tags.1 must be at most 3 characters',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.tags.1' },
    });
  });

  it('names a loose argument by itself when no argument name is given', () => {
    expect(refusal(() => parseInput(Input, { name: '' }))).toMatchObject({
      message: 'name must not be empty',
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });
  });

  it('reports only the first issue', () => {
    const error = refusal(() => parseInput(Input, { name: '', tags: ['long'] }, 'input'));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });

  it('names the argument itself for an issue on the whole value', () => {
    const Range = z
      .object({ from: z.number(), to: z.number() })
      .refine((range) => range.from <= range.to, 'must not end before it starts');
    expect(refusal(() => parseInput(Range, { from: 2, to: 1 }, 'range'))).toMatchObject({
      message: 'range must not end before it starts',
      extensions: { code: 'BAD_USER_INPUT', field: 'range' },
    });
  });
});
