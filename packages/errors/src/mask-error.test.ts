import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AppError } from './app-error.ts';
import { createErrorFormatter } from './mask-error.ts';

function formatterWithLog() {
  const logged: object[] = [];
  const format = createErrorFormatter({ error: (details) => void logged.push(details) });
  return { logged, format };
}

const formatted = (error: GraphQLError) => error.toJSON();

describe('createErrorFormatter', () => {
  it('passes an error on purpose, thrown in a resolver, without its stack', () => {
    const { logged, format } = formatterWithLog();
    const error = new GraphQLError('located', {
      originalError: new AppError('No rooms left', 'NO_AVAILABILITY'),
      path: ['createBooking'],
    });
    const result = format(
      { ...formatted(error), extensions: { code: 'NO_AVAILABILITY', stacktrace: ['x'] } },
      error,
    );
    expect(result.extensions).toEqual({ code: 'NO_AVAILABILITY' });
    expect(logged).toHaveLength(0);
  });

  it("passes GraphQL's own request errors even when Apollo wrapped them", () => {
    const { format } = formatterWithLog();
    const inner = new GraphQLError('Variable "$first" got invalid value "ten"');
    const wrapped = new GraphQLError(inner.message, {
      originalError: inner,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(format(formatted(wrapped), wrapped).message).toContain('$first');
  });

  it('masks and logs anything with a real exception inside', () => {
    const { logged, format } = formatterWithLog();
    const error = new GraphQLError('relation "hotels" does not exist', {
      originalError: new Error('relation "hotels" does not exist'),
      path: ['hotel'],
    });
    expect(format(formatted(error), error)).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
      path: ['hotel'],
    });
    expect(logged).toHaveLength(1);
  });
});
