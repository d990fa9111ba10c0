/**
 * One body per signed query. In plain mode (and in compatible mode read without a key) WeChat's `signature` covers
 * the Token, the timestamp and the nonce, never the body: whoever sees one signed query could send any body under it
 * until the timestamp leaves the window. The guard remembers, for each accepted `signature`, a fingerprint of its
 * body (the first 64 bits of its SHA-1), and refuses a different body under the same signature; WeChat's retry repeats
 * the body and passes. Encrypted pushes need no guard: `msg_signature` covers the `Encrypt` text.
 *
 * Memory is fixed by design: a table of `maxEntries` slots in typed arrays (20 bytes a slot, nothing on the JS heap
 * per push), open addressing over the signature's own bits (a SHA-1 output: uniform, and only verified signatures
 * get in), at most 8 slots probed. A slot is free again once its query's timestamp has left the window; when every
 * probed slot is still live, the one that expires first is overwritten (counted in `overwritten`). Measured cost:
 * see docs/webhook.md ("Replayed queries").
 * @module
 */
import * as nodeCrypto from 'node:crypto';
import { createHash } from 'node:crypto';

/** One-shot `crypto.hash` (Node ≥ 20.12), read from the namespace so older Node falls back (see crypto/signature.ts). */
const oneShotHash = (
  nodeCrypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: 'binary') => string }
).hash;

/** The body's SHA-1 as a binary (latin1) string (20 chars, one byte each): 0.57 µs for 300 bytes, 0.76 µs for 600. */
function fingerprint(body: string | Uint8Array): string {
  return oneShotHash ? oneShotHash('sha1', body, 'binary') : createHash('sha1').update(body).digest('binary');
}

/** Slots probed per signature. */
const PROBES = 8;
/** 5 × 4-byte words per slot: signature (2), body fingerprint (2), expiry in seconds (1). */
const WORDS = 5;

/**
 * Default table size: 262 144 slots (5 MiB), all pushes of 873 a second over a 300 s window.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * createWebhook(bot, { token: 'AAAAA', replayGuard: { maxEntries: DEFAULT_REPLAY_GUARD_ENTRIES * 4 } });
 * ```
 */
export const DEFAULT_REPLAY_GUARD_ENTRIES = 1 << 18;

/**
 * Remembers which body each signed query came with.
 *
 * @example
 * ```ts
 * const guard = new ReplayGuard({ maxEntries: 1024 });
 * const nowSec = Math.floor(Date.now() / 1000);
 * const signature = 'f464b24fc39322e44b38aa78f5edd27bd1441696';
 * guard.admit(signature, '<xml>first</xml>', nowSec + 300, nowSec); // true
 * guard.admit(signature, '<xml>forged</xml>', nowSec + 300, nowSec); // false
 * ```
 */
export class ReplayGuard {
  readonly #slots: Uint32Array;
  readonly #mask: number;
  /** Live entries overwritten because every probed slot was taken (the table is too small for the traffic). */
  overwritten = 0;

  constructor(options: { maxEntries?: number } = {}) {
    const wanted = Math.max(PROBES, options.maxEntries ?? DEFAULT_REPLAY_GUARD_ENTRIES);
    // A power of two, so the slot index is a mask.
    const size = 2 ** Math.ceil(Math.log2(wanted));
    this.#slots = new Uint32Array(size * WORDS);
    this.#mask = size - 1;
  }

  /** Slots in the table (`maxEntries` rounded up to a power of two). */
  get size(): number {
    return this.#mask + 1;
  }

  /**
   * Whether `body` may be accepted under `signature` (40 hex digits, already verified): true for a signature not
   * seen yet (now remembered until `expiresAtSec`) and for the same body again; false for a different body.
   */
  admit(signature: string, body: string | Uint8Array, expiresAtSec: number, nowSec: number): boolean {
    const a = hexWord(signature, 0);
    const b = hexWord(signature, 8);
    const print = fingerprint(body);
    const c = bytesWord(print, 0);
    const d = bytesWord(print, 4);
    const slots = this.#slots;
    let target = -1;
    let soonest = Number.POSITIVE_INFINITY;
    for (let probe = 0; probe < PROBES; probe++) {
      const at = ((a + probe) & this.#mask) * WORDS;
      const expires = slots[at + 4]!;
      if (expires > nowSec && slots[at] === a && slots[at + 1] === b)
        return slots[at + 2] === c && slots[at + 3] === d;
      if (expires <= nowSec) {
        if (soonest > 0) target = at;
        soonest = 0;
      } else if (expires < soonest) {
        soonest = expires;
        target = at;
      }
    }
    if (soonest > 0) this.overwritten++;
    slots[target] = a;
    slots[target + 1] = b;
    slots[target + 2] = c;
    slots[target + 3] = d;
    slots[target + 4] = expiresAtSec;
    return true;
  }
}

/** 32 bits from 8 hex digits at `offset` (either case; a non-hex digit counts as its low bits, harmlessly). */
function hexWord(hex: string, offset: number): number {
  let word = 0;
  for (let i = offset; i < offset + 8; i++) {
    const code = hex.charCodeAt(i) | 0x20;
    word = (word << 4) | (code <= 0x39 ? code - 0x30 : code - 0x57);
  }
  return word >>> 0;
}

/** 32 bits from 4 bytes of a binary digest string. */
function bytesWord(bytes: string, offset: number): number {
  return (
    ((bytes.charCodeAt(offset) << 24) |
      (bytes.charCodeAt(offset + 1) << 16) |
      (bytes.charCodeAt(offset + 2) << 8) |
      bytes.charCodeAt(offset + 3)) >>>
    0
  );
}
