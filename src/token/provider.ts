/**
 * The seam between the API client and whatever supplies access_tokens (the token manager, a remote token server,
 * or a fixed token in tests).
 * @module
 */

/**
 * Supplies the account's global access_token.
 *
 * @example
 * ```ts
 * import { createApiClient } from 'wxmp/api';
 * const fixed: TokenProvider = { getToken: async () => 'TOKEN', invalidate: async () => {} };
 * const client = createApiClient({ tokenProvider: fixed, apiBase: 'http://127.0.0.1:3001' }); // e.g. in a test
 * ```
 */
export interface TokenProvider {
  /** Returns a valid access_token, refreshing it if needed. */
  getToken(): Promise<string>;
  /**
   * Tells the provider that WeChat rejected `token` (40001/40014/42001). Only that exact token is dropped, so a
   * caller holding a stale token never wipes a fresh one.
   */
  invalidate(token: string): Promise<void>;
}
