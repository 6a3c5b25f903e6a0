export { addressList, isAddressOrRange } from './address-list.ts';
export { commonEnv, logLevel, nodeEnv, port, shutdownEnv } from './common-env.ts';
export { databaseUrlFor, parseEnv } from './parse-env.ts';
export { parseRedisUrl, type RedisTarget, redisUrl } from './redis-url.ts';
export { TRACES_SAMPLERS, type TracingEnv, tracingEnv } from './tracing-env.ts';
