/**
 * Client keys: the shared secrets business services send as `Authorization: Bearer <key>` to the token server and
 * the API proxy (`WXMP_CLIENT_KEYS`). Parsed once at start, compared in constant time, logged only as a short id.
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { configError } from '../config.js';

/**
 * Shortest client key accepted: guessing one must be hopeless.
 *
 * @example
 * ```ts
 * const key = process.env.MY_CLIENT_KEY ?? '';
 * if (key.length < MIN_CLIENT_KEY_LENGTH) throw new Error('key too short');
 * ```
 */
export const MIN_CLIENT_KEY_LENGTH = 16;

/**
 * Splits `WXMP_CLIENT_KEYS` (comma-separated) and checks each key; fails with one line when missing or weak.
 *
 * @example
 * ```ts
 * parseClientKeys('service-a-0123456789,service-b-0123456789'); // two keys
 * ```
 */
export function parseClientKeys(raw: string | undefined): string[] {
  const keys = (raw ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  if (keys.length === 0) {
    configError(
      'WXMP_CLIENT_KEYS',
      'is required: a comma-separated list of keys callers send as Authorization: Bearer <key>',
    );
  }
  if (keys.some((k) => k.length < MIN_CLIENT_KEY_LENGTH)) {
    configError(
      'WXMP_CLIENT_KEYS',
      `has a key shorter than ${MIN_CLIENT_KEY_LENGTH} characters; use long random keys (openssl rand -hex 24)`,
    );
  }
  return keys;
}

/**
 * A constant-time membership test: both sides are hashed to 32 bytes (so lengths leak nothing) and every key is
 * compared, with no early exit.
 *
 * @example
 * ```ts
 * const isClientKey = clientKeyMatcher(['service-a-0123456789']);
 * isClientKey('service-a-0123456789'); // true
 * ```
 */
export function clientKeyMatcher(keys: readonly string[]): (candidate: string) => boolean {
  const digests = keys.map(sha256);
  return (candidate) => {
    const digest = sha256(candidate);
    let match = false;
    for (const known of digests) match = timingSafeEqual(known, digest) || match;
    return match;
  };
}

/**
 * A short, stable id of a client key for logs and rate limits: the first 8 hex digits of its SHA-256 (the key
 * itself is never logged).
 *
 * @example
 * ```ts
 * keyIdOf('service-a-0123456789'); // e.g. '3f0c9a1e'
 * ```
 */
export function keyIdOf(key: string): string {
  return sha256(key).toString('hex', 0, 4);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
