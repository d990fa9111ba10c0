/**
 * The access_token manager: `getToken()` from a cache kept fresh ahead of expiry, one upstream call no matter how
 * many callers or processes ask at once, exact invalidation, and a cap that protects the daily quota.
 * @module
 */
import { DEFAULT_API_BASE } from '../config.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { CredentialManager } from './credential.js';
import { classicTokenFetcher, stableTokenFetcher } from './fetchers.js';
import type { TokenProvider } from './provider.js';
import type { TokenStore } from './store.js';
import { createMemoryStore } from './stores/memory.js';

/**
 * Options of {@link createTokenManager}.
 *
 * @example
 * ```ts
 * const options: TokenManagerOptions = { appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! };
 * ```
 */
export interface TokenManagerOptions {
  appId: string;
  appSecret: string;
  /** API origin; default `https://api.weixin.qq.com` (the emulator's URL in development). */
  apiBase?: string;
  /** HTTP client; default the global `fetch`. */
  fetch?: typeof fetch;
  /** Where tokens live; default a new memory store (closed with the manager). */
  store?: TokenStore;
  /** `stable` (default): POST /cgi-bin/stable_token. `classic`: GET /cgi-bin/token, which rotates on every call. */
  mode?: 'stable' | 'classic';
  /** Refresh in the background once less than this is left; default 5 minutes. */
  refreshAheadMs?: number;
  /** Cap on calls to the token endpoint, per minute, shared through the store when it can; default 10. */
  maxUpstreamCallsPerMinute?: number;
  /** Clock in epoch ms; default `Date.now`. */
  now?: () => number;
  /** Default: silent. */
  logger?: Logger;
  /** Deadline of one call to WeChat; default 10 s. */
  timeoutMs?: number;
}

/**
 * A {@link TokenProvider} with a cache you can look into and refresh.
 *
 * @example
 * ```ts
 * const manager: TokenManager = createTokenManager({ appId, appSecret });
 * const token = await manager.getToken();
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
  /** Waits for background work and closes the store if the manager created it. */
  close(): Promise<void>;
}

/**
 * Default lead time of background refreshes: WeChat's own rotation of stable tokens starts 5 minutes early.
 *
 * @example
 * ```ts
 * createTokenManager({ appId, appSecret, refreshAheadMs: 2 * DEFAULT_REFRESH_AHEAD_MS });
 * ```
 */
export const DEFAULT_REFRESH_AHEAD_MS = 5 * 60_000;

/**
 * Creates an access_token manager.
 *
 * @example
 * ```ts
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
  const timeoutMs = options.timeoutMs ?? 10_000;
  const upstream = {
    appId: options.appId,
    appSecret: options.appSecret,
    apiBase: options.apiBase ?? DEFAULT_API_BASE,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs,
  };
  const ownsStore = options.store === undefined;
  const store = options.store ?? createMemoryStore(options.now ? { now: options.now } : {});
  const credential = new CredentialManager({
    label: 'access_token',
    key: `${options.appId}:access_token`,
    fetcher: options.mode === 'classic' ? classicTokenFetcher(upstream) : stableTokenFetcher(upstream),
    // Only stable_token has force_refresh; every classic call issues a new token anyway.
    canForce: options.mode !== 'classic',
    store,
    now: options.now ?? Date.now,
    logger: options.logger ?? silentLogger,
    refreshAheadMs: options.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS,
    maxUpstreamCallsPerMinute: options.maxUpstreamCallsPerMinute ?? 10,
    // Room for two calls (a plain one, then a forced one) plus slack.
    lockTtlMs: 2 * timeoutMs + 2000,
  });

  return {
    getToken: () => credential.get(),
    invalidate: (token) => credential.invalidate(token),
    async peek() {
      const record = await credential.peek();
      return record === undefined ? undefined : { accessToken: record.value, expiresAt: record.expiresAt };
    },
    refresh: (opts) => credential.refresh(opts),
    async close() {
      await credential.close();
      if (ownsStore) await store.close?.();
    },
  };
}
