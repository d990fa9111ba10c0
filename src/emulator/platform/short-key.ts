/**
 * Short keys (短key托管, slot `shortKeys`): up to 4 KB of text under a 15-character base62 key, for at most 30
 * days. Codes of the shorten pages: 47003 no `long_data`, 9410010 too long, 9410011 lifetime out of range,
 * 9410012 unknown, expired or another account's key.
 * @module
 */
import { randomInt } from 'node:crypto';
import type { EmulatorState } from '../state.js';
import type { Handlers } from './core/handler.js';
import { fail, OK } from './core/respond.js';

/** The most bytes of text, and the longest life in seconds. */
export const SHORT_KEY_LIMITS = Object.freeze({ bytes: 4096, seconds: 2_592_000 });

const BASE62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

interface StoredKey {
  longData: string;
  /** ms */
  createdAt: number;
  expiresAt: number;
}

function slot(state: EmulatorState): Record<string, StoredKey> {
  return state.slot<Record<string, StoredKey>>('shortKeys', () => ({}));
}

function newKey(): string {
  return Array.from({ length: 15 }, () => BASE62[randomInt(BASE62.length)]).join('');
}

/**
 * The handlers of shorten/gen and shorten/fetch.
 *
 * @example
 * ```ts
 * Object.keys(shortKeyHandlers); // ['shortKey.generate', 'shortKey.fetch']
 * ```
 */
export const shortKeyHandlers: Handlers = {
  'shortKey.generate': ({ state, body }) => {
    const longData = body['long_data'];
    if (typeof longData !== 'string' || longData === '') fail(47003, 'argument invalid! long_data is empty');
    if (Buffer.byteLength(longData) > SHORT_KEY_LIMITS.bytes) fail(9410010);
    const seconds = Number(body['expire_seconds'] ?? SHORT_KEY_LIMITS.seconds);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > SHORT_KEY_LIMITS.seconds) fail(9410011);
    const key = newKey();
    slot(state)[key] = { longData, createdAt: state.now(), expiresAt: state.now() + seconds * 1000 };
    return { ...OK, short_key: key };
  },
  'shortKey.fetch': ({ state, body }) => {
    const key = body['short_key'];
    if (typeof key !== 'string' || key === '') fail(47003, 'argument invalid! short_key is empty');
    const stored = slot(state)[key];
    if (stored === undefined || stored.expiresAt <= state.now()) fail(9410012);
    return {
      ...OK,
      long_data: stored.longData,
      create_time: Math.floor(stored.createdAt / 1000),
      expire_seconds: Math.ceil((stored.expiresAt - state.now()) / 1000),
    };
  },
};
