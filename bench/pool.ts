/**
 * Pushes for `npm run bench`, signed (and in safe mode encrypted) exactly as WeChat sends them: for the checks before
 * measuring, and the encrypted pools the safe-mode rounds send (wrk's Lua cannot encrypt; it signs plain pushes
 * itself, see wrk/push.lua). Every push has its own MsgId, nonce and signature, so none is ever a retry.
 * @module
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { buildPush, inbound, pushCrypto, type PushKeys } from '../src/push/index.js';
import { BENCH_ACCOUNT, type BenchMode } from './account.js';

export { BENCH_ACCOUNT, type BenchMode } from './account.js';

/** One push, with what is needed to check its answer. */
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

/** Typical chat lines, mixed Chinese and ASCII, 5-60 characters (wrk/push.lua sends the same). */
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
 * A source of MsgIds no earlier measurement used, in this run or a recent one (Redis remembers answers for 20 s
 * across runs): 10 digits from the clock and a counter, then 9 digits per push.
 *
 * @example
 * ```ts
 * const ids = msgIdPrefixes();
 * ids.next(); // '1113402887' (then '…' + 9 digits per push)
 * ```
 */
export function msgIdPrefixes(): { next(): string } {
  let n = 0;
  const base = Math.floor(Date.now() / 1000) * 64;
  return { next: () => String(1_000_000_000 + ((base + n++) % 9_000_000_000)) };
}

/**
 * `size` distinct text pushes for `mode`, timestamped now: MsgIds `prefix` + 9 digits, nonces and signatures
 * distinct, fans rotating over 97 openids.
 *
 * @example
 * ```ts
 * const pool = buildPool('safe', 100, msgIdPrefixes().next());
 * await fetch(`http://127.0.0.1:3000${pool[0]!.path}`, { method: 'POST', body: pool[0]!.body });
 * ```
 */
export function buildPool(mode: BenchMode, size: number, prefix: string): PoolEntry[] {
  const entries: PoolEntry[] = [];
  for (const entry of pushes(mode, size, prefix)) entries.push(entry);
  return entries;
}

/**
 * Writes `size` pushes as wrk/push.lua reads them (`<path>\t<body>` per line), without holding them in memory.
 *
 * @example
 * ```ts
 * await writePool('/tmp/pool.txt', 'safe', 50_000, msgIdPrefixes().next());
 * ```
 */
export async function writePool(file: string, mode: BenchMode, size: number, prefix: string): Promise<void> {
  const out = createWriteStream(file);
  let chunk = '';
  for (const { path, body } of pushes(mode, size, prefix)) {
    chunk += `${path}\t${body}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

function* pushes(mode: BenchMode, size: number, prefix: string): Generator<PoolEntry> {
  const keys = benchKeys(mode);
  const crypto = pushCrypto(keys);
  const timestamp = String(Math.floor(Date.now() / 1000));
  for (let i = 0; i < size; i++) {
    const fan = `oBench${String(i % 97).padStart(22, '0')}`;
    const content = `${LINES[i % LINES.length]!.replace('%d', String(100_000 + i))} (${i})`;
    const msgId = `${prefix}${String(i).padStart(9, '0')}`;
    const xml = inbound.text(
      { to: BENCH_ACCOUNT.id, from: fan, createTime: Number(timestamp) },
      content,
      msgId,
    );
    const push = buildPush(xml, keys, { timestamp, nonce: `${prefix}${i}`, crypto });
    yield { path: `/wx${push.search}`, body: push.body, fan, content };
  }
}
