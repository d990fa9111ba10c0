/**
 * Checks of the query WeChat signs: a fresh timestamp and the signature (or msg_signature). Verification happens
 * before the body is parsed (plain mode) or decrypted (encrypted modes). Each check returns nothing when it passes
 * and throws a {@link WeChatError} (`TIMESTAMP_OUT_OF_WINDOW`, `SIGNATURE_INVALID`) whose message is the answer's
 * text.
 * @module
 */
import { computeMsgSignature, computeSignature, signatureMatches } from '../crypto/signature.js';
import { WeChatError } from '../errors.js';
import type { PushQuery } from './http.js';

/**
 * Checks `timestamp` is within `windowSec` of now (0 disables the window, not the format check).
 *
 * @example
 * ```ts
 * import { queryOf } from './http.js';
 * verifyTimestamp(queryOf('/wx?timestamp=1714112445').timestamp, 300, 1_714_112_445_000); // passes
 * ```
 */
export function verifyTimestamp(timestamp: string | undefined, windowSec: number, nowMs: number): void {
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp))
    throw new WeChatError('TIMESTAMP_OUT_OF_WINDOW', 'missing or invalid timestamp');
  if (windowSec > 0 && Math.abs(nowMs / 1000 - Number(timestamp)) > windowSec) {
    throw new WeChatError(
      'TIMESTAMP_OUT_OF_WINDOW',
      `timestamp is more than ${windowSec} s away from the server clock (replay, or a wrong clock)`,
    );
  }
}

/** WeChat's nonces are decimal numbers (9 or 10 digits); WeCom's, which share the envelope, letters and digits. */
const NONCE = /^[0-9A-Za-z]{1,32}$/;

/**
 * Checks that `nonce` is what WeChat sends, before it is signed over or echoed into a reply envelope (a `]]>` in it
 * would break the envelope's XML): 1 to 32 letters or digits, else `NONCE_INVALID`.
 *
 * @example
 * ```ts
 * verifyNonce('1514711492'); // passes
 * ```
 */
export function verifyNonce(nonce: string): void {
  if (!NONCE.test(nonce))
    throw new WeChatError('NONCE_INVALID', 'nonce must be 1 to 32 letters or digits, as WeChat sends it');
}

/**
 * Checks the `signature` query parameter against the Token.
 *
 * @example
 * ```ts
 * import { computeSignature } from 'wxmp';
 * import { queryOf } from './http.js';
 * const signature = computeSignature('AAAAA', '1714112445', '1');
 * verifySignature(queryOf(`/wx?signature=${signature}&timestamp=1714112445&nonce=1`), 'AAAAA'); // passes
 * ```
 */
export function verifySignature(query: PushQuery, token: string): void {
  const { signature, timestamp, nonce } = query;
  if (!signature || nonce === undefined || timestamp === undefined)
    throw new WeChatError('SIGNATURE_INVALID', 'missing signature, timestamp or nonce');
  verifyNonce(nonce);
  if (!signatureMatches(signature, computeSignature(token, timestamp, nonce)))
    throw new WeChatError('SIGNATURE_INVALID', 'invalid signature');
}

/**
 * Checks `msg_signature` over the Encrypt text.
 *
 * @example
 * ```ts
 * import { computeMsgSignature } from 'wxmp';
 * import { queryOf } from './http.js';
 * const signature = computeMsgSignature('AAAAA', '1714112445', '1', 'ciphertext');
 * verifyMsgSignature(queryOf(`/wx?msg_signature=${signature}&timestamp=1714112445&nonce=1`), 'AAAAA', 'ciphertext');
 * ```
 */
export function verifyMsgSignature(query: PushQuery, token: string, encrypt: string): void {
  const { msg_signature: signature, timestamp, nonce } = query;
  if (!signature || nonce === undefined || timestamp === undefined)
    throw new WeChatError('SIGNATURE_INVALID', 'missing msg_signature, timestamp or nonce');
  verifyNonce(nonce);
  if (!signatureMatches(signature, computeMsgSignature(token, timestamp, nonce, encrypt)))
    throw new WeChatError('SIGNATURE_INVALID', 'invalid msg_signature');
}
