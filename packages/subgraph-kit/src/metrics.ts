import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** A registry per server, not prom-client's global one, so several servers share a process. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time to answer one GraphQL operation',
    // No operation-name label: names come from clients, and labels must stay few.
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse({ errors }) {
          stop({ outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
  return { registry, plugin };
}
