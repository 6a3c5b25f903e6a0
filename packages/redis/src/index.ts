export {
  createRedisConnection,
  type RedisClient,
  type RedisConnectionLog,
  type RedisConnectionOptions,
} from './redis-connection.ts';
export { createRedisPubSub, type RedisPubSubConnections } from './redis-pubsub.ts';
