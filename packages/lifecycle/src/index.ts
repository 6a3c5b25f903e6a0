export {
  createHttpDrain,
  drainPlugin,
  type HttpDrain,
  type HttpDrainOptions,
} from './http-drain.ts';
export { type HttpTimeouts, httpServerOptions } from './http-timeouts.ts';
export {
  type RunnableService,
  type RunUntilSignalOptions,
  runUntilSignal,
} from './run-until-signal.ts';
export { type GracefulService, type ShutdownOptions, shutdownGracefully } from './shutdown.ts';
