import type { FormattedExecutionResult } from 'graphql';
import { bodyOf } from './response-cache.ts';

export interface SerializedBodies {
  /**
   * `bodyOf(data)`, remembered for this data object: the cache serializes an answer it stores
   * (or found), and Apollo Server then sends the same string instead of serializing it again.
   */
  bodyOf(data: Record<string, unknown>): string;
  /** The body of a hit answered through the pipeline: its data, with the stored bytes kept. */
  remember(data: Record<string, unknown>, body: string): void;
  /**
   * Apollo Server's `stringifyResult`: the remembered body when the result is that data alone
   * (no errors, no extensions: exactly `{"data":…}`), else what Apollo prints by default
   * (`JSON.stringify` and a newline). No plugin changes `data` after the cache's
   * `willSendResponse`; one that did would have to forget the body.
   */
  stringifyResult(value: FormattedExecutionResult): string;
}

/** Bodies the response cache serialized, by the data object they hold (a WeakMap: no growth). */
export function createSerializedBodies(): SerializedBodies {
  const bodies = new WeakMap<object, string>();
  return {
    bodyOf(data) {
      const body = bodyOf(data);
      bodies.set(data, body);
      return body;
    },
    remember(data, body) {
      bodies.set(data, body);
    },
    stringifyResult(value) {
      const { data } = value;
      if (data && value.errors === undefined && value.extensions === undefined) {
        const body = bodies.get(data);
        if (body !== undefined) return body;
      }
      return `${JSON.stringify(value)}\n`;
    },
  };
}
