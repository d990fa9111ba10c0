/**
 * `wxmp/token`: access_token and JS-SDK ticket central control — the managers, their stores, and both built from the
 * environment.
 *
 * The exports are named one by one (`test/unit/public-surface.test.ts` holds the list). The manager's parts stay
 * inside: the credential manager and its units (store resilience, force-refresh gate, failure streak, rate cap),
 * the fetchers and the backoff (`src/wechat-http`).
 *
 * @example
 * ```ts
 * import { readEnv } from 'wxmp/config';
 * import { createTokenManagerFromEnv } from 'wxmp/token';
 * const manager = createTokenManagerFromEnv(readEnv());
 * const token = await manager.getToken();
 * ```
 * @module
 */

// The access_token manager: anything with `getToken()` and `invalidate(token)` is a `TokenProvider`.
export type { TokenProvider } from './provider.js';
export { createTokenManager, type TokenManager, type TokenManagerOptions } from './manager.js';
export { DEFAULT_REFRESH_AHEAD_MS, type SharedManagerOptions } from './manager-options.js';
// What is left of the day's forced refreshes (`manager.forceRefreshBudget()`, the token server's /healthz).
export type { ForceRefreshBudget, ForceRefusal } from './force-refresh-gate.js';
// Whether WeChat really rejects a token a client reports (the token server asks before retiring one).
export { tokenChecker, type TokenVerdict } from './check.js';

// The JS-SDK ticket managers (`jsapi_ticket`, the `wx_card` ticket).
export {
  createTicketManager,
  type TicketManager,
  type TicketManagerOptions,
  type TicketType,
} from './ticket.js';

// From the environment (`readEnv()` of `wxmp/config`): Redis when `REDIS_URL` is set, else a file, else memory.
export {
  createTokenManagerFromEnv,
  createTokenStoreFromEnv,
  type StoreChoice,
  type TokenManagerEnvOverrides,
} from './from-env.js';

// Stores: where a token lives, shared by every process that uses the same one.
export type { TokenRecord, TokenStore } from './store.js';
export { createMemoryStore, type MemoryStoreOptions } from './stores/memory.js';
export { createFileStore, type FileStoreOptions } from './stores/file.js';
export { createRedisStore, type RedisLike, type RedisStoreOptions } from './stores/redis.js';
export {
  createRedisStoreFromUrl,
  fromNodeRedis,
  type NodeRedisClientLike,
  type RedisUrlStoreOptions,
} from './stores/node-redis.js';
