/**
 * The bench account, shared by the pool (WeChat's side) and the webhook server. No imports, so a server loading it
 * loads nothing else.
 * @module
 */

/** The bench account. The key is a fixed, well-formed EncodingAESKey (43 alphanumerics), not a secret. */
export const BENCH_ACCOUNT = {
  token: 'benchToken2024',
  appId: 'wxbench00000000001',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  /** The account's `gh_` id (ToUserName of every push). */
  id: 'gh_bench00000001',
} as const;

/** Pool size: enough distinct MsgIds, timestamps, nonces and signatures that no two connections share one. */
export const POOL_SIZE = 1000;

/**
 * The webhook's `timestampWindowSec` in the bench: pool timestamps reach `POOL_SIZE` seconds into the past and the
 * pool is reused for the whole run (~1-2 min), so the window must cover both.
 */
export const POOL_TIMESTAMP_WINDOW_SEC = 3600;

/** The benchmarked encryption modes. */
export type BenchMode = 'plain' | 'safe';
