export { addressList, isAddressOrRange } from './address-list.ts';
export { commonEnv, logLevel, nodeEnv, port, shutdownEnv } from './common-env.ts';
export { databaseUrlFor, parseEnv } from './parse-env.ts';
export { TRACES_SAMPLERS, type TracingEnv, tracingEnv } from './tracing-env.ts';
