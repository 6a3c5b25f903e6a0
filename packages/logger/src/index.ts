export { createLogger, type Logger, type LoggerOptions } from './create-logger.ts';
export { requestIdFrom } from './request-id.ts';
