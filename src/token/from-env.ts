/**
 * Token managers configured from the environment (`WECHAT_APPID`, `WECHAT_APPSECRET`, `WECHAT_API_BASE`,
 * `REDIS_URL`), as the CLI and the token server use them.
 * @module
 */
import { configError, type WxmpEnv } from '../config.js';
import type { Logger } from '../logger.js';
import { createTokenManager, type TokenManager, type TokenManagerOptions } from './manager.js';
import type { TokenStore } from './store.js';
import { createFileStore } from './stores/file.js';
import { createMemoryStore } from './stores/memory.js';
import { createRedisStoreFromUrl } from './stores/node-redis.js';

/**
 * Where tokens go when no store is passed explicitly.
 */
export interface StoreChoice {
  /** Use a file store at this path when `REDIS_URL` is not set. */
  filePath?: string;
  /** Redis key prefix; default `wxmp:`. */
  redisPrefix?: string;
  logger?: Logger;
  /** The memory store's clock (its locks' and windows' expiry), for tests; default `Date.now`. */
  now?: () => number;
}

/**
 * The store the environment asks for: Redis when `REDIS_URL` is set, else a file when `filePath` is given, else
 * memory. The caller owns it and closes it.
 *
 * @example
 * ```ts
 * import { readEnv } from 'wxmp/config';
 * const store = createTokenStoreFromEnv(readEnv(), { filePath: '.wxmp/tokens.json' });
 * ```
 */
export function createTokenStoreFromEnv(env: WxmpEnv, choice: StoreChoice = {}): TokenStore {
  if (env.redisUrl !== undefined) {
    return createRedisStoreFromUrl(env.redisUrl, {
      ...(choice.redisPrefix !== undefined ? { prefix: choice.redisPrefix } : {}),
      ...(choice.logger !== undefined ? { logger: choice.logger } : {}),
    });
  }
  if (choice.filePath !== undefined) return createFileStore({ path: choice.filePath });
  return createMemoryStore(choice.now ? { now: choice.now } : {});
}

/**
 * What {@link createTokenManagerFromEnv} lets you set beyond the environment.
 */
export type TokenManagerEnvOverrides = Partial<Omit<TokenManagerOptions, 'appId' | 'appSecret'>> &
  StoreChoice;

/**
 * Creates a token manager from validated environment settings; a missing AppID or AppSecret fails with one line.
 * Unless `overrides.store` is given, the manager creates its store (see {@link createTokenStoreFromEnv}) and closes
 * it on `close()`.
 *
 * @example
 * ```ts
 * import { createLogger } from 'wxmp';
 * import { readEnv } from 'wxmp/config';
 * const manager = createTokenManagerFromEnv(readEnv(process.env), { logger: createLogger() });
 * console.log(await manager.getToken());
 * await manager.close();
 * ```
 */
export function createTokenManagerFromEnv(
  env: WxmpEnv,
  overrides: TokenManagerEnvOverrides = {},
): TokenManager {
  const credentials = requireCredentials(env);
  const { filePath, redisPrefix, ...options } = overrides;
  const ownsStore = options.store === undefined;
  const store =
    options.store ??
    createTokenStoreFromEnv(env, {
      ...(filePath !== undefined ? { filePath } : {}),
      ...(redisPrefix !== undefined ? { redisPrefix } : {}),
      ...(options.logger !== undefined ? { logger: options.logger } : {}),
    });
  const manager = createTokenManager({
    ...options,
    apiBase: options.apiBase ?? env.apiBase,
    ...credentials,
    store,
  });
  return {
    ...manager,
    async close() {
      await manager.close();
      if (ownsStore) await store.close?.();
    },
  };
}

/**
 * The AppID and AppSecret from the environment, or the one-line config error naming the missing one.
 *
 * @example
 * ```ts
 * import { readEnv } from 'wxmp/config';
 * const { appId, appSecret } = requireCredentials(readEnv());
 * ```
 */
export function requireCredentials(env: WxmpEnv): { appId: string; appSecret: string } {
  if (env.appId === undefined) configError('WECHAT_APPID', 'is required: set it to the AppID of the console');
  if (env.appSecret === undefined) {
    configError('WECHAT_APPSECRET', 'is required: set it to the AppSecret of the console');
  }
  return { appId: env.appId, appSecret: env.appSecret };
}
