import { ENTITY_CHANGES_CHANNEL, type EntityChange, tagsOf } from '@travel/entity-changes';
import { PubSub } from 'graphql-subscriptions';
import { describe, expect, it, vi } from 'vitest';
import { createEntityChangeSource } from './entity-change-source.ts';

const change = {
  entity: 'Order:o1',
  version: 4,
  state: { status: 'SHIPPED' },
  audience: ['User:u1'],
  invalidates: ['Stock:s1'],
  lists: ['Order'],
};

describe('createEntityChangeSource', () => {
  it('hands on well-formed events and drops malformed ones with a warning', async () => {
    const pubsub = new PubSub();
    const warn = vi.fn();
    const received: EntityChange[] = [];
    const source = createEntityChangeSource({
      pubsub,
      log: { warn } as never,
      onEvent: (event) => received.push(event),
    });
    source.start();
    await vi.waitFor(async () => {
      await pubsub.publish(ENTITY_CHANGES_CHANNEL, { entity: 'warm-up' });
      expect(warn).toHaveBeenCalled();
    });
    for (const bad of [null, 'text', { ...change, version: -1 }, { ...change, entity: 'o1' }]) {
      await pubsub.publish(ENTITY_CHANGES_CHANNEL, bad);
    }
    await pubsub.publish(ENTITY_CHANGES_CHANNEL, change);
    expect(received).toEqual([change]);
    expect(warn).toHaveBeenCalledTimes(5);
    await source.stop();
    await pubsub.publish(ENTITY_CHANGES_CHANNEL, change);
    expect(received).toHaveLength(1);
  });

  it('names every tag an event makes stale: the entity, what it invalidates, its lists', () => {
    expect(tagsOf(change)).toEqual(['Order:o1', 'Stock:s1', 'Order[]']);
  });
});
