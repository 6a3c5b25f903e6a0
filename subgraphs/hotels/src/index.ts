export { type Config, loadConfig } from './config.ts';
export { createDb, type Db, type DbOptions } from './db.ts';
export { cityKeyOf } from './domain/search.ts';
export { schema } from './schema/index.ts';
export { createServer, type ServerDeps } from './server.ts';
