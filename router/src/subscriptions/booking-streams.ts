import type { Logger } from '@travel/logger';
import type { FormattedExecutionResult } from 'graphql';
import type { BookingChanged } from '../events/booking-events.ts';
import { createPushStream, type PushStream } from './push-stream.ts';

/** One active subscription, as the fan-out sees it. */
export interface StreamSpec {
  /** Whether an event concerns this subscriber at all (cheap, no I/O). */
  matches(event: BookingChanged): boolean;
  /**
   * Subscribers with equal keys get equal answers (same credentials, same query, same
   * variables): an event is re-read once per distinct key, not once per socket.
   */
  key: string;
  /** Re-reads the event's booking as the subscriber, with their selection set. */
  resolve(event: BookingChanged): Promise<FormattedExecutionResult>;
  /** Where the booking is in `resolve`'s answer. */
  responseKey: string;
}

export interface BookingStreamsOptions {
  log: Logger;
  /** Answers a subscriber may fall behind by before its subscription is ended; default 100. */
  maxQueued?: number;
}

export interface BookingStreams {
  /** A new subscription; `onEnd` runs once when it ends, whoever ends it. */
  open(spec: StreamSpec, onEnd: () => void): PushStream<FormattedExecutionResult>;
  /** Hands one event to every local subscription it concerns. */
  dispatch(event: BookingChanged): void;
  /** Active subscriptions on this instance. */
  readonly size: number;
}

interface Entry {
  spec: StreamSpec;
  stream: PushStream<FormattedExecutionResult>;
  /** Answers go out in event order even when a later re-read finishes first. */
  chain: Promise<void>;
}

/** The local fan-out of booking events to subscriptions (one channel subscription feeds it). */
export function createBookingStreams({
  log,
  maxQueued = 100,
}: BookingStreamsOptions): BookingStreams {
  const active = new Set<Entry>();
  return {
    open(spec, onEnd) {
      const entry = {} as Entry;
      entry.spec = spec;
      entry.chain = Promise.resolve();
      entry.stream = createPushStream<FormattedExecutionResult>(() => {
        active.delete(entry);
        onEnd();
      });
      active.add(entry);
      return entry.stream;
    },
    dispatch(event) {
      const shared = new Map<string, Promise<FormattedExecutionResult>>();
      for (const entry of active) {
        if (!entry.spec.matches(event)) continue;
        let answer = shared.get(entry.spec.key);
        if (!answer) {
          answer = entry.spec.resolve(event);
          shared.set(entry.spec.key, answer);
        }
        const pending = answer;
        entry.chain = entry.chain
          .then(async () => deliver(entry, await pending, maxQueued))
          .catch((err: unknown) => log.error({ err, event }, 'booking event not delivered'));
      }
    },
    get size() {
      return active.size;
    },
  };
}

/**
 * Sends what the subscriber may see: the booking, or errors when the re-read failed. A null
 * booking without errors means they may not see it (any more): the event is dropped.
 */
function deliver(entry: Entry, answer: FormattedExecutionResult, maxQueued: number): void {
  const booking = answer.data?.[entry.spec.responseKey];
  if (booking === undefined || booking === null) {
    if (!answer.errors?.length) return;
    // The field is non-null: a missing booking nulls the whole answer.
    entry.stream.push({ data: null, errors: answer.errors });
    return;
  }
  if (entry.stream.queued >= maxQueued) {
    entry.stream.end(new Error('Subscriber too slow: events were piling up'));
    return;
  }
  entry.stream.push(answer);
}
