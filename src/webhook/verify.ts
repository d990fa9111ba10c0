/**
 * Checks of the query WeChat signs: signature (or msg_signature) and a fresh timestamp. Verification happens before
 * the body is parsed (plain mode) or decrypted (encrypted modes).
 * @module
 */
import { computeMsgSignature, computeSignature, signatureMatches } from '../crypto/signature.js';
import type { PushQuery } from './http.js';

/** Why a request was refused, or `undefined` when it passed. */
export type Refusal = string | undefined;

/**
 * Checks `timestamp` is within `windowSec` of now (0 disables the check).
 *
 * @example
 * ```ts
 * checkTimestamp(query.timestamp, 300, Date.now()); // undefined when fresh
 * ```
 */
export function checkTimestamp(timestamp: string | undefined, windowSec: number, nowMs: number): Refusal {
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return 'missing or invalid timestamp';
  if (windowSec > 0 && Math.abs(nowMs / 1000 - Number(timestamp)) > windowSec) {
    return `timestamp is more than ${windowSec} s away from the server clock (replay, or a wrong clock)`;
  }
  return undefined;
}

/**
 * Checks the `signature` query parameter against the Token.
 *
 * @example
 * ```ts
 * checkSignature(query, 'AAAAA'); // undefined when valid
 * ```
 */
export function checkSignature(query: PushQuery, token: string): Refusal {
  const { signature, timestamp, nonce } = query;
  if (!signature || nonce === undefined || timestamp === undefined)
    return 'missing signature, timestamp or nonce';
  return signatureMatches(signature, computeSignature(token, timestamp, nonce))
    ? undefined
    : 'invalid signature';
}

/**
 * Checks `msg_signature` over the Encrypt text.
 *
 * @example
 * ```ts
 * checkMsgSignature(query, 'AAAAA', encrypt);
 * ```
 */
export function checkMsgSignature(query: PushQuery, token: string, encrypt: string): Refusal {
  const { msg_signature: signature, timestamp, nonce } = query;
  if (!signature || nonce === undefined || timestamp === undefined)
    return 'missing msg_signature, timestamp or nonce';
  return signatureMatches(signature, computeMsgSignature(token, timestamp, nonce, encrypt))
    ? undefined
    : 'invalid msg_signature';
}
