export {
  createRedisConnection,
  type RedisClient,
  type RedisConnectionLog,
  type RedisConnectionOptions,
} from './redis-connection.ts';
