export {
  createHttpDrain,
  drainPlugin,
  type HttpDrain,
  type HttpDrainOptions,
} from './http-drain.ts';
export { keepIdleConnections } from './keep-alive.ts';
export {
  type RunnableService,
  type RunUntilSignalOptions,
  runUntilSignal,
} from './run-until-signal.ts';
export { type GracefulService, type ShutdownOptions, shutdownGracefully } from './shutdown.ts';
