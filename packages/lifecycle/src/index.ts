export {
  createHttpDrain,
  drainPlugin,
  type HttpDrain,
  type HttpDrainOptions,
} from './http-drain.ts';
export {
  type GracefulService,
  type ShutdownOnSignalOptions,
  type ShutdownOptions,
  shutdownGracefully,
  shutdownOnSignal,
} from './shutdown.ts';
