import { Gauge, type Registry } from 'prom-client';

export interface SubscriptionGauges {
  /** Sockets open on this instance. */
  connections(): number;
  /** Subscriptions active on this instance. */
  subscriptions(): number;
}

/** Read when scraped, so they never drift from the real counts. */
export function registerSubscriptionMetrics(registry: Registry, read: SubscriptionGauges): void {
  new Gauge({
    name: 'graphql_ws_connections',
    help: 'Subscription sockets (graphql-ws) open on this instance',
    registers: [registry],
    collect() {
      this.set(read.connections());
    },
  });
  new Gauge({
    name: 'graphql_subscriptions_active',
    help: 'Subscriptions active on this instance',
    registers: [registry],
    collect() {
      this.set(read.subscriptions());
    },
  });
}
