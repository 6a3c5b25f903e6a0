export { addressList, isAddressOrRange } from './address-list.ts';
export { commonEnv, logLevel, nodeEnv, port, shutdownEnv } from './common-env.ts';
export { type ConfigValues, configFromValues } from './config-from-values.ts';
export { databaseUrlFor, parseEnv } from './parse-env.ts';
export { parseRedisUrl, type RedisTarget, redisUrl } from './redis-url.ts';
export { subgraphConfig, subgraphEnv } from './subgraph-env.ts';
export { TRACES_SAMPLERS, type TracingEnv, tracingEnv } from './tracing-env.ts';
