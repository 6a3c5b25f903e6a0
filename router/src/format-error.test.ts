import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createRouterErrorFormatter } from './format-error.ts';

function setup(hideSchemaHints?: boolean) {
  const logged: string[] = [];
  const format = createRouterErrorFormatter(
    { error: (_details, message) => logged.push(message) },
    { hideSchemaHints },
  );
  const run = (error: GraphQLError | Error) =>
    format(error instanceof GraphQLError ? error.toJSON() : { message: error.message }, error);
  return { run, logged };
}

describe('createRouterErrorFormatter', () => {
  it("passes a subgraph's coded error (the gateway keeps the JSON it got as originalError)", () => {
    const { run, logged } = setup();
    const error = new GraphQLError('first must not be negative', {
      path: ['users'],
      originalError: { message: 'first must not be negative' } as Error,
      extensions: { code: 'BAD_USER_INPUT', serviceName: 'accounts', stacktrace: ['at x'] },
    });
    expect(run(error)).toEqual({
      message: 'first must not be negative',
      path: ['users'],
      extensions: { code: 'BAD_USER_INPUT', serviceName: 'accounts' },
    });
    expect(logged).toEqual([]);
  });

  it('masks a failed subgraph call, which names internal hosts', () => {
    const { run, logged } = setup();
    const error = new GraphQLError('502: Bad Gateway', {
      extensions: { response: { url: 'http://10.0.0.7:4002/graphql', status: 502 } },
    });
    expect(run(error)).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logged).toEqual(['subgraph call failed']);
  });

  it('keeps UNAUTHENTICATED when a subgraph answered 401', () => {
    const { run } = setup();
    const error = new GraphQLError('401: Unauthorized', {
      extensions: { code: 'UNAUTHENTICATED', response: { status: 401, body: 'secret detail' } },
    });
    expect(run(error)).toEqual({
      message: 'A subgraph refused the credentials',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it("passes GraphQL's own errors even when Apollo wrapped them", () => {
    const { run } = setup();
    const graphqlJs = new GraphQLError('Cannot query field "nope" on type "Query".');
    const apollo = new GraphQLError(graphqlJs.message, {
      originalError: graphqlJs,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(run(apollo)).toEqual({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('masks anything unexpected, wrapped or not', () => {
    const { run, logged } = setup();
    const wrapped = new GraphQLError('connect ECONNREFUSED 10.0.0.7:5432', {
      path: ['users'],
      originalError: new Error('connect ECONNREFUSED 10.0.0.7:5432'),
    });
    expect(run(wrapped)).toEqual({
      message: 'Internal server error',
      path: ['users'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(run(new TypeError('fetch failed')).message).toBe('Internal server error');
    expect(logged).toHaveLength(2);
  });

  it('strips "Did you mean" from every message that passes, unless told not to', () => {
    const relayed = new GraphQLError(
      'Variable "$s" got invalid value "CONFIRMD"; Value "CONFIRMD" does not exist in "BookingStatus" enum. Did you mean the enum value "CONFIRMED"?',
      { extensions: { code: 'BAD_USER_INPUT', serviceName: 'bookings' } },
    );
    expect(setup().run(relayed)).toEqual({
      message:
        'Variable "$s" got invalid value "CONFIRMD"; Value "CONFIRMD" does not exist in "BookingStatus" enum.',
      extensions: { code: 'BAD_USER_INPUT', serviceName: 'bookings' },
    });
    expect(setup(false).run(relayed).message).toContain('Did you mean the enum value "CONFIRMED"?');
  });
});
