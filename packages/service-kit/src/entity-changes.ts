import {
  ENTITY_CHANGES_CHANNEL,
  type EntityChange,
  type EntityChangeInput,
  EntityChangeSchema,
  splitEntityKey,
} from '@travel/entity-changes';
import type { Logger } from '@travel/logger';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { EntityInvalidations } from './invalidations.ts';

export interface EntityChangePublisherOptions {
  /** Redis pub/sub with REDIS_URL (createEntityChangePubSub), else an in-process PubSub. */
  pubsub: PubSubEngine;
  log: Pick<Logger, 'error'>;
  /** Longest a write waits for a publish before giving up on it; default 500 ms. */
  timeoutMs?: number;
}

/** Publishes entity changes on the one channel; never rejects (the change is committed). */
export interface EntityChangePublisher {
  publish(change: EntityChangeInput): Promise<void>;
}

/** A failed, hanging or malformed publish is logged, never thrown: the write stands. */
export function createEntityChangePublisher({
  pubsub,
  log,
  timeoutMs = 500,
}: EntityChangePublisherOptions): EntityChangePublisher {
  return {
    async publish(input) {
      const parsed = EntityChangeSchema.safeParse(input);
      if (!parsed.success) {
        log.error({ err: parsed.error, change: input }, 'malformed entity change not published');
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`publish took over ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([pubsub.publish(ENTITY_CHANGES_CHANNEL, parsed.data), timeout]);
      } catch (error) {
        log.error({ err: error, change: parsed.data }, 'entity change not published');
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Announces a committed change: its tags go into the response's `invalidatedEntities` (the
 * router drops them before the answer returns), and one event is published for subscribers
 * and for every router's cache. Call it AFTER the commit. Jobs with no request (the hold
 * sweeper) pass no `invalidations`: the router invalidates from the event alone.
 */
export async function announceChange(
  publisher: EntityChangePublisher,
  invalidations: EntityInvalidations | undefined,
  change: EntityChangeInput,
): Promise<void> {
  if (invalidations) {
    for (const key of [change.entity, ...(change.invalidates ?? [])]) {
      const { type, id } = splitEntityKey(key);
      invalidations.invalidate(type, id);
    }
    for (const type of change.lists ?? []) invalidations.invalidateList(type);
  }
  await publisher.publish(change);
}

/** What a subgraph's context adds: `ctx.changed({...})`, the one call a resolver makes. */
export interface EntityChanges {
  /** See `announceChange`; resolves once published (or given up on), never rejects. */
  changed(change: EntityChangeInput): Promise<void>;
}

/** `ctx.changed` for one request: announces into its invalidations, publishes the event. */
export function entityChangesFor(
  publisher: EntityChangePublisher,
  invalidations: EntityInvalidations,
): EntityChanges {
  return { changed: (change) => announceChange(publisher, invalidations, change) };
}

export { ENTITY_CHANGES_CHANNEL, type EntityChange, type EntityChangeInput };
