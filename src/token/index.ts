/**
 * access_token and JS-SDK ticket management: managers, stores, and their configuration from the environment.
 *
 * @example
 * ```ts
 * import { createTokenManagerFromEnv } from './token/index.js';
 * const manager = createTokenManagerFromEnv(readEnv());
 * const token = await manager.getToken();
 * ```
 * @module
 */
export type { TokenProvider } from './provider.js';
export type { TokenRecord, TokenStore } from './store.js';
export { createTokenManager, type TokenManager, type TokenManagerOptions } from './manager.js';
export { DEFAULT_REFRESH_AHEAD_MS, type SharedManagerOptions } from './manager-options.js';
export {
  createTicketManager,
  ticketFetcher,
  type TicketManager,
  type TicketManagerOptions,
  type TicketType,
} from './ticket.js';
export {
  createTokenManagerFromEnv,
  createTokenStoreFromEnv,
  requireCredentials,
  type StoreChoice,
  type TokenManagerEnvOverrides,
} from './from-env.js';
export {
  classicTokenFetcher,
  stableTokenFetcher,
  type CredentialFetcher,
  type FetchedCredential,
  type TokenFetcherOptions,
} from './fetchers.js';
export { isTransientFailure, retryDelay } from './backoff.js';
export { tokenChecker, type TokenVerdict } from './check.js';
export {
  DEFAULT_FORCE_REFRESH_RESERVE,
  FORCE_REFRESH_DAILY_LIMIT,
  type ForceRefreshBudget,
} from './force-refresh-gate.js';
export { OUTAGE_BACKOFF } from './failure-streak.js';
export { SlidingWindow, UpstreamCap } from './rate-cap.js';
// The shared layer for talking to WeChat (src/wechat-http), as the token managers' users know it.
export {
  backoffDelay,
  TOKEN_REFRESH_BACKOFF,
  hintFor,
  type BackoffPolicy,
  type Upstream,
} from '../wechat-http/index.js';
export { createMemoryStore, type MemoryStoreOptions } from './stores/memory.js';
export { createFileStore, type FileStoreOptions } from './stores/file.js';
export { createRedisStore, type RedisLike, type RedisStoreOptions } from './stores/redis.js';
export {
  createRedisStoreFromUrl,
  fromNodeRedis,
  type NodeRedisClientLike,
  type RedisUrlStoreOptions,
} from './stores/node-redis.js';
