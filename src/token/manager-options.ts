/**
 * The options the access_token manager and the ticket managers share, and their defaults, resolved in one place so
 * both factories build their {@link CredentialManager} the same way.
 * @module
 */
import { DEFAULT_API_BASE } from '../config.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import type { Upstream } from '../wechat-http/index.js';
import type { CredentialManagerOptions } from './credential-options.js';
import type { TokenStore } from './store.js';
import { createMemoryStore } from './stores/memory.js';

/**
 * Default lead time of background refreshes: WeChat's own rotation of stable tokens starts 5 minutes early.
 *
 * @example
 * ```ts
 * import { createTokenManager } from 'wxmp/token';
 * createTokenManager({
 *   appId: 'wx1234567890abcdef',
 *   appSecret: process.env.WECHAT_APPSECRET!,
 *   refreshAheadMs: 2 * DEFAULT_REFRESH_AHEAD_MS,
 * });
 * ```
 */
export const DEFAULT_REFRESH_AHEAD_MS = 5 * 60_000;

/**
 * Options every credential manager takes.
 */
export interface SharedManagerOptions {
  /** API origin; default `https://api.weixin.qq.com` (the emulator's URL in development). */
  apiBase?: string | undefined;
  /** HTTP client; default the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** Where the credential lives; default a new memory store (closed with the manager). */
  store?: TokenStore | undefined;
  /** Refresh in the background once less than this is left; default 5 minutes. */
  refreshAheadMs?: number | undefined;
  /** Cap on calls to WeChat's endpoint, per minute, shared through the store when it can; default 10. */
  maxUpstreamCallsPerMinute?: number | undefined;
  /** Clock in epoch ms; default `Date.now`. */
  now?: (() => number) | undefined;
  /** Default: silent. */
  logger?: Logger | undefined;
  /** Deadline of one call to WeChat; default 10 s. */
  timeoutMs?: number | undefined;
}

/**
 * {@link SharedManagerOptions} with their defaults applied.
 *
 * @example
 * ```ts
 * const { upstream, settings, closeOwnedStore } = resolveManagerOptions({ timeoutMs: 5000 });
 * ```
 */
export interface ResolvedManagerOptions {
  /** Where and how to reach WeChat. */
  upstream: Upstream;
  /** The credential manager's settings that do not depend on the credential. */
  settings: Pick<
    CredentialManagerOptions,
    'store' | 'now' | 'logger' | 'refreshAheadMs' | 'maxUpstreamCallsPerMinute'
  >;
  /** Closes the store if the manager created it (a store passed in belongs to the caller). */
  closeOwnedStore: () => Promise<void>;
}

/**
 * Applies the defaults of {@link SharedManagerOptions}.
 *
 * @example
 * ```ts
 * import { stableTokenFetcher } from './fetchers.js';
 * const { upstream, settings } = resolveManagerOptions({ apiBase: 'http://127.0.0.1:8080' });
 * const fetcher = stableTokenFetcher({ ...upstream, appId: 'wx1234567890abcdef', appSecret: 'APPSECRET' });
 * ```
 */
export function resolveManagerOptions(options: SharedManagerOptions): ResolvedManagerOptions {
  const store = options.store ?? createMemoryStore(options.now ? { now: options.now } : {});
  return {
    upstream: {
      apiBase: options.apiBase ?? DEFAULT_API_BASE,
      fetch: options.fetch ?? globalThis.fetch,
      timeoutMs: options.timeoutMs ?? 10_000,
    },
    settings: {
      store,
      now: options.now ?? Date.now,
      logger: options.logger ?? silentLogger,
      refreshAheadMs: options.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS,
      maxUpstreamCallsPerMinute: options.maxUpstreamCallsPerMinute ?? 10,
    },
    closeOwnedStore: async () => {
      if (options.store === undefined) await store.close?.();
    },
  };
}
