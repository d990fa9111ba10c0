/**
 * The request pool of `npm run bench`: distinct pushes signed (and in safe mode encrypted) exactly as WeChat sends
 * them, so every request is really verified, decrypted, parsed and answered (the bench webhook's dedup never answers
 * from its cache either: see servers/webhook.ts).
 * @module
 */
import { buildPush, inbound, type PushKeys } from '../src/push/index.js';
import { BENCH_ACCOUNT, POOL_SIZE, type BenchMode } from './account.js';

export { BENCH_ACCOUNT, POOL_SIZE, POOL_TIMESTAMP_WINDOW_SEC, type BenchMode } from './account.js';

/** One push of the pool, with what is needed to check its answer. */
export interface PoolEntry {
  /** `/wx?signature=…&timestamp=…&nonce=…&openid=…[&encrypt_type=aes&msg_signature=…]`. */
  path: string;
  body: string;
  /** The fan's openid (FromUserName; the reply must go back to it). */
  fan: string;
  /** The text sent, which the echo bot must send back. */
  content: string;
}

/** The keys WeChat signs and encrypts with in `mode`, for `buildPush` and `checkReply`. */
export function benchKeys(mode: BenchMode): PushKeys {
  return {
    token: BENCH_ACCOUNT.token,
    mode,
    appId: BENCH_ACCOUNT.appId,
    encodingAESKey: BENCH_ACCOUNT.encodingAESKey,
  };
}

/** Typical chat lines, mixed Chinese and ASCII, 5-60 characters. */
const LINES = [
  '你好',
  'hello',
  '今天天气怎么样?',
  'order #%d status please',
  '我想查询一下我的订单 %d 的物流信息',
  '👍',
  'ok thanks, see you tomorrow',
];

/**
 * Builds `size` distinct text-message pushes: each has its own MsgId, CreateTime/timestamp (1 s apart, going back
 * from `nowSec`), nonce and therefore signature; fans rotate over 97 openids.
 *
 * @example
 * ```ts
 * const pool = buildPool('safe');
 * await fetch(`http://127.0.0.1:3000${pool[0]!.path}`, { method: 'POST', body: pool[0]!.body });
 * ```
 */
export function buildPool(
  mode: BenchMode,
  size = POOL_SIZE,
  nowSec = Math.floor(Date.now() / 1000),
): PoolEntry[] {
  const keys = benchKeys(mode);
  const entries: PoolEntry[] = [];
  for (let i = 0; i < size; i++) {
    const fan = `oBench${String(i % 97).padStart(22, '0')}`;
    const content = `${LINES[i % LINES.length]!.replace('%d', String(100_000 + i))} (${i})`;
    const timestamp = nowSec - i;
    // 64-bit ids like WeChat's, distinct per entry (and per mode, so logs never mix them up).
    const msgId = String(7_300_000_000_000_000_000n + BigInt(mode === 'safe' ? 500_000 + i : i));
    const xml = inbound.text({ to: BENCH_ACCOUNT.id, from: fan, createTime: timestamp }, content, msgId);
    const push = buildPush(xml, keys, {
      timestamp: String(timestamp),
      nonce: String(1_000_000_000 + i * 7919),
    });
    entries.push({ path: `/wx${push.search}`, body: push.body, fan, content });
  }
  return entries;
}
