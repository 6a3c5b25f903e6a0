import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';

/** How one HTTP subscription protocol writes its stream; every method returns bytes to write. */
export interface StreamFraming {
  /** The transport's name in metrics (`graphql_subscriptions_active{transport}`). */
  transport: 'multipart' | 'sse';
  contentType: string;
  /**
   * Refusals before the stream (validation, authorization, limits): `json` answers them as a
   * GraphQL-over-HTTP error response with a 4xx status (Apollo Router's way); `stream` opens
   * the stream, sends them as its one result and ends it (graphql-sse's server's way).
   */
  refusals: 'json' | 'stream';
  /** Written once, before the first result. */
  start(): string;
  next(result: FormattedExecutionResult): string;
  /** Keeps proxies and clients from timing out an idle stream. */
  heartbeat(): string;
  /** The stream ends because of the server or the credentials (revoked, expired, shutdown). */
  fail(errors: readonly GraphQLFormattedError[]): string;
  /** The last bytes of the stream. */
  end(): string;
}

const BOUNDARY = 'graphql';
const part = (json: unknown) =>
  `\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(json)}\r\n--${BOUNDARY}`;

/**
 * Apollo's multipart subscription protocol (Apollo Client's HttpLink, Apollo Router): each
 * part ends with the next boundary, so a client reads it as soon as it arrives; results are
 * `{"payload": result}`, a heartbeat is `{}`, an error that ends the stream is
 * `{"payload": null, "errors": [...]}`, and `--graphql--` closes the body.
 */
export const multipartFraming: StreamFraming = {
  transport: 'multipart',
  contentType: `multipart/mixed;boundary="${BOUNDARY}";subscriptionSpec="1.0"`,
  refusals: 'json',
  start: () => `\r\n--${BOUNDARY}`,
  next: (result) => part({ payload: result }),
  heartbeat: () => part({}),
  fail: (errors) => part({ payload: null, errors }),
  end: () => '--\r\n',
};

const event = (name: 'next' | 'complete', data?: unknown) =>
  `event: ${name}\ndata:${data === undefined ? '' : ` ${JSON.stringify(data)}`}\n\n`;

/**
 * The `graphql-sse` protocol, distinct connections mode: one `next` event per result, a
 * `complete` event at the end, comments (`:`) as heartbeats. An error that ends the stream is
 * a last `next` carrying `errors`, as graphql-sse's own server sends refusals.
 */
export const sseFraming: StreamFraming = {
  transport: 'sse',
  contentType: 'text/event-stream; charset=utf-8',
  refusals: 'stream',
  // A first comment: some browsers wait for a first chunk before reporting the stream open.
  start: () => ':\n\n',
  next: (result) => event('next', result),
  heartbeat: () => ':\n\n',
  fail: (errors) => event('next', { errors }),
  end: () => event('complete'),
};
