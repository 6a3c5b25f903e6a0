export { type Config, type ConfigOverrides, configFrom, loadConfig } from './config.ts';
export { type Context, createContext } from './context.ts';
export { createDb, type Db, type DbOptions } from './db.ts';
export { hashApiKeySecret } from './domain/api-key-secret.ts';
export {
  type ApiKeyIdentity,
  createApiKey,
  findActiveApiKeyBySecret,
  revokeApiKey,
} from './domain/api-keys.ts';
export { hashPassword, verifyPassword } from './domain/password.ts';
export { schema } from './schema/index.ts';
export { type AccountsServiceOptions, createAccountsService } from './service.ts';
