/**
 * The bench account, shared by the pushes (WeChat's side) and the servers. No imports, so a server loading it
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

/** The benchmarked encryption modes. */
export type BenchMode = 'plain' | 'safe';
