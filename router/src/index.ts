// First: it must run before @apollo/gateway is loaded (see the module).
import './disable-apollo-telemetry.ts';

export { type Config, loadConfig } from './config.ts';
export type { RouterContext } from './context.ts';
export { createRouter, type Router, type RouterDeps } from './server.ts';
