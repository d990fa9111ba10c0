/**
 * WeChat's SHA-1 signatures: `signature` over [Token, timestamp, nonce] and `msg_signature` over
 * [Token, timestamp, nonce, Encrypt]. Parts are sorted as strings (byte order), never numerically.
 * @module
 */
import * as nodeCrypto from 'node:crypto';
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * One-shot `crypto.hash` (Node ≥ 20.12): hot path, a signature took 0.34 µs with it and 0.91 µs with createHash
 * (Node 20, one core). Read from the namespace, so older Node (without it) falls back instead of failing to load.
 */
const oneShotHash = (nodeCrypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string })
  .hash;

/**
 * SHA-1 (lowercase hex) of the parts sorted as strings and joined with nothing in between.
 *
 * @example
 * ```ts
 * sortedSha1(['AAAAA', '1714036504', '1514711492']); // 'f464b24fc39322e44b38aa78f5edd27bd1441696'
 * ```
 */
export function sortedSha1(parts: readonly string[]): string {
  // Default sort compares UTF-16 code units, which equals byte order for the ASCII inputs WeChat signs.
  const data = [...parts].sort().join('');
  return oneShotHash
    ? oneShotHash('sha1', data, 'hex')
    : createHash('sha1').update(data, 'utf8').digest('hex');
}

/**
 * The `signature` query parameter of URL verification and of every push.
 *
 * @example
 * ```ts
 * computeSignature('AAAAA', '1714036504', '1514711492'); // 'f464b24fc39322e44b38aa78f5edd27bd1441696'
 * ```
 */
export function computeSignature(token: string, timestamp: string, nonce: string): string {
  return sortedSha1([token, timestamp, nonce]);
}

/**
 * The `msg_signature` of an encrypted push, and the `MsgSignature` of an encrypted reply.
 *
 * @example
 * ```ts
 * computeMsgSignature('AAAAA', '1713424427', '415670741', encrypt); // '1b9339964ed2…'
 * ```
 */
export function computeMsgSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
): string {
  return sortedSha1([token, timestamp, nonce, encrypt]);
}

/**
 * Compares a received hex signature with the expected one in constant time (for equal lengths).
 *
 * @example
 * ```ts
 * signatureMatches(query.signature, computeSignature(token, query.timestamp, query.nonce));
 * ```
 */
export function signatureMatches(received: string | undefined, expected: string): boolean {
  if (received === undefined || received.length !== expected.length) return false;
  // Accept upper-case hex from hand-written clients; WeChat sends lower-case.
  return timingSafeEqual(Buffer.from(received.toLowerCase(), 'latin1'), Buffer.from(expected, 'latin1'));
}

/**
 * A 9- or 10-digit nonce like WeChat's.
 *
 * @example
 * ```ts
 * newNonce(); // '1514711492'
 * ```
 */
export function newNonce(): string {
  return String(randomInt(100_000_000, 2_000_000_000));
}
