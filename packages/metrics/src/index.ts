export { createBoundedSet, OTHER, sanitizeLabel } from './bounded-labels.ts';
export { createMetricsRegistry, metricsResponse } from './registry.ts';
export {
  type OperationLabels,
  outcomeLabels,
  type RequestMetricsOptions,
  requestMetricsPlugin,
} from './request-metrics.ts';
