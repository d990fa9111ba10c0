/**
 * The options of the credential manager (`credential.ts`), which the public factories (`createTokenManager`,
 * `createTicketManager`) fill in.
 * @module
 */
import type { Logger } from '../logger.js';
import type { BackoffPolicy } from '../wechat-http/index.js';
import type { CredentialFetcher } from './fetchers.js';
import type { TokenStore } from './store.js';

/**
 * Options of `CredentialManager`; the public factories fill them in.
 */
export interface CredentialManagerOptions {
  /** What is cached, for logs and errors: `access_token`, `jsapi_ticket`. */
  label: string;
  /** Store key of the record; the lock, the force gate and the cap use keys derived from it. */
  key: string;
  fetcher: CredentialFetcher;
  store: TokenStore;
  now: () => number;
  logger: Logger;
  /** Refresh in the background once less than this is left. */
  refreshAheadMs: number;
  /** Cap on fetcher calls per minute (shared through the store when it can). */
  maxUpstreamCallsPerMinute: number;
  /** How long the refresh lock is held at most; longer than the slowest fetch. */
  lockTtlMs: number;
  /**
   * Whether the fetcher honours `force` (stable_token's `force_refresh`). Only then is a value WeChat hands back
   * right after rejecting it worth a second, forced call.
   */
  canForce?: boolean;
  /** Minimum spacing of forced refreshes (WeChat: `force_refresh` at least 30 s apart). */
  forceIntervalMs?: number;
  /** Backoff after failed refreshes; default `TOKEN_REFRESH_BACKOFF` (1 s doubling to 60 s). */
  backoff?: BackoffPolicy;
  /** Sleeps while waiting for another process; default a timer. */
  sleep?: (ms: number) => Promise<void>;
}
