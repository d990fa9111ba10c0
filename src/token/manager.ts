/**
 * The access_token manager: `getToken()` from a cache kept fresh ahead of expiry, one upstream call no matter how
 * many callers or processes ask at once, exact invalidation, and a cap that protects the daily quota.
 * @module
 */
import { CredentialManager } from './credential.js';
import type { ForceRefreshBudget, ForceRefusal } from './force-refresh-gate.js';
import { classicTokenFetcher, stableTokenFetcher } from './fetchers.js';
import { resolveManagerOptions, type SharedManagerOptions } from './manager-options.js';
import type { TokenProvider } from './provider.js';

/**
 * Options of {@link createTokenManager}.
 */
export interface TokenManagerOptions extends SharedManagerOptions {
  appId: string;
  appSecret: string;
  /** `stable` (default): POST /cgi-bin/stable_token. `classic`: GET /cgi-bin/token, which rotates on every call. */
  mode?: 'stable' | 'classic' | undefined;
}

/**
 * A {@link TokenProvider} with a cache you can look into and refresh.
 *
 * @example
 * ```ts
 * async function accessToken(manager: TokenManager): Promise<string> {
 *   const cached = await manager.peek(); // never calls WeChat
 *   return cached?.accessToken ?? manager.getToken();
 * }
 * ```
 */
export interface TokenManager extends TokenProvider {
  /** The cached token and its expiry (epoch ms) when one has not expired; never calls WeChat. */
  peek(): Promise<{ accessToken: string; expiresAt: number } | undefined>;
  /**
   * Refreshes now, however long the cached token has left, unless another caller (or process) just did; concurrent
   * calls share one request. `force` skips the cache and never joins a plain refresh in progress; in stable mode it
   * sets `force_refresh` (at most once per 30 s, across processes sharing the store; more often it is a plain call).
   */
  refresh(opts?: { force?: boolean }): Promise<string>;
  /**
   * Drops `token` if it is still the cached one (see {@link TokenProvider.invalidate}); `allowForce: false` keeps the
   * next refresh a plain one even if WeChat hands the same token back (a rejection nobody could confirm).
   */
  invalidate(token: string, options?: { allowForce?: boolean }): Promise<void>;
  /**
   * Forced refreshes (stable_token's `force_refresh`) of the last 24 hours, and what is left of the automatic ration
   * (WeChat's 20 a day less a reserve kept for explicit `refresh({ force: true })`).
   */
  forceRefreshBudget(): Promise<ForceRefreshBudget>;
  /**
   * Why the last `refresh({ force: true })` went out as a plain call (the 30 s interval, the day's ration, the store
   * down, classic mode); undefined when it forced.
   */
  lastForceRefusal(): ForceRefusal | undefined;
  /** Waits for background work and closes the store if the manager created it. */
  close(): Promise<void>;
}

/**
 * Creates an access_token manager.
 *
 * @example
 * ```ts
 * import { createRedisStoreFromUrl } from 'wxmp/token';
 * const manager = createTokenManager({
 *   appId: process.env.WECHAT_APPID!,
 *   appSecret: process.env.WECHAT_APPSECRET!,
 *   store: createRedisStoreFromUrl(process.env.REDIS_URL!),
 * });
 * const token = await manager.getToken();
 * // WeChat answered 40001 for this token:
 * await manager.invalidate(token);
 * ```
 */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const { upstream, settings, closeOwnedStore } = resolveManagerOptions(options);
  const fetcherOptions = { ...upstream, appId: options.appId, appSecret: options.appSecret };
  const credential = new CredentialManager({
    ...settings,
    label: 'access_token',
    key: `${options.appId}:access_token`,
    fetcher:
      options.mode === 'classic' ? classicTokenFetcher(fetcherOptions) : stableTokenFetcher(fetcherOptions),
    // Only stable_token has force_refresh; every classic call issues a new token anyway.
    canForce: options.mode !== 'classic',
    // Room for two calls (a plain one, then a forced one) plus slack.
    lockTtlMs: 2 * upstream.timeoutMs + 2000,
  });

  return {
    getToken: () => credential.get(),
    invalidate: (token, invalidation) => credential.invalidate(token, invalidation),
    forceRefreshBudget: () => credential.forceRefreshBudget(),
    lastForceRefusal: () => credential.lastForceRefusal(),
    async peek() {
      const record = await credential.peek();
      return record === undefined ? undefined : { accessToken: record.value, expiresAt: record.expiresAt };
    },
    refresh: (opts) => credential.refresh(opts),
    async close() {
      await credential.close();
      await closeOwnedStore();
    },
  };
}
