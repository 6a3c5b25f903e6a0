import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { readBindings } from './bindings.ts';

const sdl = (imports: string, fields: string) => /* GraphQL */ `
  schema
    @link(url: "https://specs.apollo.dev/link/v1.0")
    @link(url: "https://travel.example/entity-changes/v0.1", as: "_0ec", import: [${imports}])
  { query: Query subscription: Subscription }
  type Query { order(id: ID!): Order  canWatchShop(id: ID!): Boolean  shop(id: ID!): Shop }
  type Order { id: ID! }
  type Shop { id: ID! }
  type Subscription { ${fields} }
`;

describe('readBindings', () => {
  it('reads every bound Subscription field with its audience, re-read and authorization', () => {
    const bindings = readBindings(
      sdl(
        '"@follows"',
        `orderUpdated(id: ID!): Order! @follows(entity: "Order", audience: "Order:{id}", read: "order", authorize: "order(id: $id)")
         myOrders: Order! @follows(entity: "Order", audience: "User:{viewer}", read: "order")
         shopOrders(shopId: ID!): Order! @follows(entity: "Order", audience: "Shop:{shopId}", read: "order", authorize: "canWatchShop(id: $shopId)")
         unbound: Order!`,
      ),
    );
    expect([...bindings.keys()]).toEqual(['orderUpdated', 'myOrders', 'shopOrders']);
    const updated = bindings.get('orderUpdated');
    expect(updated).toMatchObject({ entity: 'Order', read: 'order' });
    expect(updated?.audience.render({ id: 'o1' }, 'u1')).toBe('Order:o1');
    expect(updated?.authorize?.variables).toEqual(['id']);
    expect(updated?.authorize?.source).toBe(
      'query SubscriptionAuthorization($id: ID!) {\n  allowed: order(id: $id) {\n    __typename\n  }\n}',
    );
    const mine = bindings.get('myOrders');
    expect(mine?.audience.needsViewer).toBe(true);
    expect(mine?.audience.render({}, 'u1')).toBe('User:u1');
    expect(mine?.authorize).toBeUndefined();
    // A scalar answer needs no selection.
    expect(bindings.get('shopOrders')?.authorize?.source).toContain(
      'allowed: canWatchShop(id: $shopId)\n',
    );
  });

  it('follows a renamed import, and finds nothing without the link', () => {
    const field =
      'orderUpdated(id: ID!): Order! @watch(entity: "Order", audience: "Order:{id}", read: "order")';
    expect(readBindings(sdl('{ name: "@follows", as: "@watch" }', field)).size).toBe(1);
    expect(
      readBindings(sdl('{ name: "@follows", as: "@watch" }', field.replace('@watch', '@follows')))
        .size,
    ).toBe(0);
  });

  it('logs and does not serve a binding that does not make sense', () => {
    const warn = vi.fn();
    const bindings = readBindings(
      sdl(
        '"@follows"',
        `a(id: ID!): Order! @follows(entity: "Order", audience: "Order:{nope}", read: "order")
         b(id: ID!): Order! @follows(entity: "Order", audience: "Order:{id}", read: "order", authorize: "order(id: $other)")
         c(id: ID!): Order! @follows(entity: "Order", audience: "Order:{id}", read: "order", authorize: "missing(id: $id)")
         d(id: ID!): Order! @follows(entity: "Order", audience: "Order:{id}", read: "order", authorize: "order(id: $id")`,
      ),
      { warn },
    );
    expect(bindings.size).toBe(0);
    expect(warn).toHaveBeenCalledTimes(4);
  });

  it('reads the bindings the subgraphs declare in the committed supergraph', () => {
    const supergraph = readFileSync(
      new URL('../../../schema/supergraph.graphql', import.meta.url),
      'utf8',
    );
    const warn = vi.fn();
    const bindings = readBindings(supergraph, { warn });
    expect(warn).not.toHaveBeenCalled();
    expect(bindings.size).toBeGreaterThan(0);
    for (const binding of bindings.values()) expect(binding.read).toMatch(/^[a-z]/);
  });
});
