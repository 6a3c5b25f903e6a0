import { ApolloServer } from '@apollo/server';
import { AppError } from '@travel/errors';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from './registry.ts';
import { requestMetricsPlugin } from './request-metrics.ts';

const typeDefs = 'type Query { ok: Int, full: Int, odd: Int, both: Int }';
const resolvers = {
  Query: {
    ok: () => 1,
    full: () => {
      throw new AppError('full', 'NO_AVAILABILITY');
    },
    odd: () => {
      throw new GraphQLError('odd', { extensions: { code: 'SOMETHING_ELSE' } });
    },
  },
};

async function serverWith(operationLabels?: () => { operation_name: string; client_name: string }) {
  const registry = createMetricsRegistry('test');
  const server = new ApolloServer({
    typeDefs,
    resolvers,
    plugins: [requestMetricsPlugin({ registry, ...(operationLabels ? { operationLabels } : {}) })],
  });
  await server.start();
  const values = async (name: string) =>
    (await registry.getSingleMetric(name)?.get())?.values.filter(
      (v) => !('le' in v.labels) && (v as { metricName?: string }).metricName !== `${name}_sum`,
    );
  return { server, values };
}

describe('requestMetricsPlugin', () => {
  it('times each operation by outcome and counts error responses once per public code', async () => {
    const { server, values } = await serverWith();
    await server.executeOperation({ query: '{ ok }' });
    await server.executeOperation({ query: '{ full both: full }' });
    await server.executeOperation({ query: '{ odd }' });
    await server.executeOperation({ query: '{ nope }' });

    expect(await values('graphql_request_duration_seconds')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labels: { outcome: 'ok' }, value: 1 }),
        expect.objectContaining({ labels: { outcome: 'error' }, value: 3 }),
      ]),
    );
    expect(await values('graphql_request_errors_total')).toEqual([
      // Two NO_AVAILABILITY errors in one response count once.
      expect.objectContaining({ labels: { code: 'NO_AVAILABILITY' }, value: 1 }),
      // A code outside the public list must not become a label of its own.
      expect.objectContaining({ labels: { code: 'OTHER' }, value: 1 }),
      expect.objectContaining({ labels: { code: 'GRAPHQL_VALIDATION_FAILED' }, value: 1 }),
    ]);
    await server.stop();
  });

  it('adds the labels operationLabels gives', async () => {
    const { server, values } = await serverWith(() => ({
      operation_name: 'Search',
      client_name: 'web',
    }));
    await server.executeOperation({ query: 'query Search { ok }' });
    expect(await values('graphql_request_duration_seconds')).toContainEqual(
      expect.objectContaining({
        labels: { operation_name: 'Search', client_name: 'web', outcome: 'ok' },
        value: 1,
      }),
    );
    await server.stop();
  });
});
