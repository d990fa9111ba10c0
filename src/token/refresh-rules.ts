/**
 * When a cached credential is refreshed, as pure functions of the record, the clock and the lead time: testable
 * without a store, a fetcher or timers.
 * @module
 */
import type { TokenRecord } from './store.js';

/**
 * Why a refresh runs: `due` (no usable record, or one close to expiry) fetches only when the record is due;
 * `now` (an explicit `refresh()`) fetches unless a record was fetched moments ago; `force` always fetches.
 */
export type RefreshMode = 'due' | 'now' | 'force';

/**
 * The lead time of refreshes, and how long a just-fetched record is left alone even inside it.
 */
export interface RefreshTiming {
  /** Refresh once less than this is left. */
  refreshAheadMs: number;
  /** A record fetched this recently is not refreshed again (WeChat would hand back the same one). */
  settleMs: number;
}

/**
 * The timing for a lead time: records settle for 30 s, or half the lead time if that is less.
 *
 * @example
 * ```ts
 * refreshTiming(20_000).settleMs; // 10_000
 * ```
 */
export function refreshTiming(refreshAheadMs: number): RefreshTiming {
  return { refreshAheadMs, settleMs: Math.min(30_000, refreshAheadMs / 2) };
}

/**
 * Whether `record` should be replaced: expired, or close to expiry and not fetched just now.
 *
 * @example
 * ```ts
 * const now = Date.now();
 * isDue({ value: 'T', expiresAt: now + 60_000, fetchedAt: now - 7_140_000 }, now, refreshTiming(300_000)); // true
 * ```
 */
export function isDue(record: TokenRecord, now: number, timing: RefreshTiming): boolean {
  if (record.expiresAt <= now) return true;
  return record.expiresAt - now <= timing.refreshAheadMs && now - record.fetchedAt >= timing.settleMs;
}

/**
 * Whether `record`, read as a refresh of `mode` starts, already answers it, so WeChat need not be asked: a record
 * that is not due for a `due` refresh; one fetched moments ago for an explicit one (which ignores the refresh-ahead
 * window); never for a forced one.
 *
 * @example
 * ```ts
 * const now = Date.now();
 * answersRefresh({ value: 'T', expiresAt: now + 7_200_000, fetchedAt: now }, 'now', now, refreshTiming(300_000)); // true
 * ```
 */
export function answersRefresh(
  record: TokenRecord,
  mode: RefreshMode,
  now: number,
  timing: RefreshTiming,
): boolean {
  if (record.expiresAt <= now) return false;
  if (mode === 'due') return !isDue(record, now, timing);
  return mode === 'now' && now - record.fetchedAt < timing.settleMs;
}

/**
 * Whether `current`, published by someone else while a refresh of `mode` waited, ends its need: it must be fresh,
 * and for an explicit or forced refresh newer than `before` (which, not due, would otherwise satisfy it at once).
 *
 * @example
 * ```ts
 * const now = Date.now();
 * const before = { value: 'OLD', expiresAt: now + 3_600_000, fetchedAt: now - 3_600_000 };
 * const current = { value: 'NEW', expiresAt: now + 7_200_000, fetchedAt: now };
 * endsRefresh(current, before, 'force', now, refreshTiming(300_000)); // true
 * ```
 */
export function endsRefresh(
  current: TokenRecord | undefined,
  before: TokenRecord | undefined,
  mode: RefreshMode,
  now: number,
  timing: RefreshTiming,
): boolean {
  if (current === undefined || isDue(current, now, timing)) return false;
  return mode === 'due' || before === undefined || current.fetchedAt > before.fetchedAt;
}
