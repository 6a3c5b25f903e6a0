import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import { describe, expect, it, vi } from 'vitest';
import {
  createEntityChangePublisher,
  ENTITY_CHANGES_CHANNEL,
  entityChangesFor,
} from './entity-changes.ts';
import { createEntityInvalidations } from './invalidations.ts';

const change = {
  entity: 'Booking:b1',
  version: 2,
  state: { status: 'CONFIRMED' },
  audience: ['User:g1', 'Hotel:h1'],
  invalidates: ['RoomType:r1'],
  lists: ['Booking'],
};

describe('ctx.changed', () => {
  it('announces the entity, what it invalidates and its lists, and publishes one event', async () => {
    const pubsub = new PubSub();
    const received: unknown[] = [];
    await pubsub.subscribe(ENTITY_CHANGES_CHANNEL, (event: unknown) => received.push(event));
    const invalidations = createEntityInvalidations();
    const publisher = createEntityChangePublisher({ pubsub, log: { error() {} } });
    await entityChangesFor(publisher, invalidations).changed(change);
    expect([...invalidations.invalidatedEntities]).toEqual([
      'Booking:b1',
      'RoomType:r1',
      'Booking[]',
    ]);
    expect(received).toEqual([change]);
  });

  it('fills in what a change leaves out', async () => {
    const pubsub = new PubSub();
    const received: unknown[] = [];
    await pubsub.subscribe(ENTITY_CHANGES_CHANNEL, (event: unknown) => received.push(event));
    const publisher = createEntityChangePublisher({ pubsub, log: { error() {} } });
    await publisher.publish({ entity: 'Trip:t1', version: 1 });
    expect(received).toEqual([
      { entity: 'Trip:t1', version: 1, state: {}, audience: [], invalidates: [], lists: [] },
    ]);
  });
});

describe('createEntityChangePublisher', () => {
  it('logs a malformed change instead of publishing or throwing', async () => {
    const error = vi.fn();
    const publish = vi.fn(async () => {});
    const pubsub = { publish } as unknown as PubSubEngine;
    const publisher = createEntityChangePublisher({ pubsub, log: { error } });
    await expect(publisher.publish({ entity: 'no key', version: -1 })).resolves.toBeUndefined();
    expect(publish).not.toHaveBeenCalled();
    expect(error).toHaveBeenCalledOnce();
  });

  it('logs a failed publish instead of throwing', async () => {
    const error = vi.fn();
    const pubsub = {
      publish: () => Promise.reject(new Error('redis down')),
    } as unknown as PubSubEngine;
    await expect(
      createEntityChangePublisher({ pubsub, log: { error } }).publish(change),
    ).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledOnce();
  });

  it('gives up on a publish that hangs', async () => {
    const error = vi.fn();
    const pubsub = { publish: () => new Promise(() => {}) } as unknown as PubSubEngine;
    await createEntityChangePublisher({ pubsub, log: { error }, timeoutMs: 10 }).publish(change);
    expect(error).toHaveBeenCalledOnce();
  });
});
