export { commonEnv, logLevel, nodeEnv, port } from './common-env.ts';
export { databaseUrlFor, parseEnv } from './parse-env.ts';
