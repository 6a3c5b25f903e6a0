import { Gauge, type Registry } from 'prom-client';
import { TRANSPORTS, type Transport } from './subscription-core.ts';

export interface SubscriptionGauges {
  /** WebSockets open on this instance. */
  sockets(): number;
  /** HTTP streams open on this instance, per transport (each holds one subscription). */
  httpStreams(): Readonly<Record<'multipart' | 'sse', number>>;
  /** Subscriptions active on this instance, per transport. */
  subscriptions(): Readonly<Record<Transport, number>>;
}

/**
 * Read when scraped, so they never drift from the real counts. Every transport's series is
 * always present (0 included): `sum()` over them is the instance's total.
 */
export function registerSubscriptionMetrics(registry: Registry, read: SubscriptionGauges): void {
  new Gauge({
    name: 'graphql_ws_connections',
    help: 'WebSockets (graphql-transport-ws) open on this instance; HTTP streams are graphql_http_streams_open',
    registers: [registry],
    collect() {
      this.set(read.sockets());
    },
  });
  new Gauge({
    name: 'graphql_http_streams_open',
    help: 'Subscription streams over HTTP (multipart, SSE) open on this instance',
    labelNames: ['transport'] as const,
    registers: [registry],
    collect() {
      for (const [transport, count] of Object.entries(read.httpStreams())) {
        this.set({ transport }, count);
      }
    },
  });
  new Gauge({
    name: 'graphql_subscriptions_active',
    help: 'Subscriptions active on this instance, by transport (websocket, multipart, sse)',
    labelNames: ['transport'] as const,
    registers: [registry],
    collect() {
      const active = read.subscriptions();
      for (const transport of TRANSPORTS) this.set({ transport }, active[transport]);
    },
  });
}
