export { type Config, type ConfigOverrides, configFrom, loadConfig } from './config.ts';
export { createDb, type Db, type DbOptions } from './db.ts';
export { cityKeyOf } from './domain/search.ts';
export { schema } from './schema/index.ts';
export { createHotelsService, type HotelsServiceOptions } from './service.ts';
