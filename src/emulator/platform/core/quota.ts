/**
 * Daily API quotas, counted per endpoint path on the emulator's clock. WeChat resets them at midnight Beijing time
 * (UTC+8), and `clear_quota` resets them at most 10 times a month.
 * @module
 */
import type { EmulatorState } from '../../state.js';
import { fail } from './respond.js';

const BEIJING_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/**
 * The day number in Beijing time (quotas restart when it changes).
 *
 * @example
 * ```ts
 * beijingDay(Date.UTC(2024, 0, 1, 16)); // the day of 2024-01-02 (00:00 in Beijing)
 * ```
 */
export function beijingDay(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS);
}

/**
 * The month number in Beijing time (for the 10 quota resets a month).
 *
 * @example
 * ```ts
 * beijingMonth(Date.UTC(2024, 0, 31, 16)); // February 2024
 * ```
 */
export function beijingMonth(ms: number): number {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/**
 * Daily limits of the endpoints whose documentation states one; every other endpoint gets {@link DEFAULT_DAILY_LIMIT}.
 *
 * @example
 * ```ts
 * DAILY_LIMITS['/cgi-bin/token']; // 2000
 * ```
 */
export const DAILY_LIMITS: Readonly<Record<string, number>> = {
  '/cgi-bin/token': 2000,
  '/cgi-bin/stable_token': 500_000,
  '/cgi-bin/menu/create': 1000,
  '/cgi-bin/menu/get': 10_000,
  '/cgi-bin/menu/delete': 1000,
  '/cgi-bin/message/mass/sendall': 100,
  '/cgi-bin/message/mass/send': 100,
  '/cgi-bin/message/template/send': 100_000,
  '/cgi-bin/draft/add': 1000,
  '/cgi-bin/freepublish/submit': 100,
};

/** The daily limit of endpoints without a documented one. */
export const DEFAULT_DAILY_LIMIT = 100_000;

/** Quota resets allowed per month (`clear_quota`, `clear_quota/v2`). */
export const CLEARS_PER_MONTH = 10;

interface QuotaSlot {
  day: number;
  used: Record<string, number>;
  /** When quotas were cleared (ms), for the monthly limit. */
  clears: number[];
}

function slot(state: EmulatorState): QuotaSlot {
  const q = state.slot<QuotaSlot>('quota', () => ({ day: beijingDay(state.now()), used: {}, clears: [] }));
  const today = beijingDay(state.now());
  // A new day in Beijing: every counter starts again.
  if (q.day !== today) {
    q.day = today;
    q.used = {};
  }
  return q;
}

/**
 * The limit of an endpoint path.
 *
 * @example
 * ```ts
 * dailyLimit('/cgi-bin/menu/get'); // 10000
 * ```
 */
export function dailyLimit(path: string): number {
  return DAILY_LIMITS[path] ?? DEFAULT_DAILY_LIMIT;
}

/**
 * Counts one call of `path` today, or throws 45009 when today's quota is used up (the call is then not counted).
 *
 * @example
 * ```ts
 * useQuota(state, '/cgi-bin/token'); // throws WxError(45009) on the 2001st call of the day
 * ```
 */
export function useQuota(state: EmulatorState, path: string): void {
  const q = slot(state);
  const used = q.used[path] ?? 0;
  if (used >= dailyLimit(path)) fail(45009);
  q.used[path] = used + 1;
}

/**
 * Today's use of an endpoint, as `openapi/quota/get` reports it.
 *
 * @example
 * ```ts
 * useQuota(state, '/cgi-bin/token');
 * quotaOf(state, '/cgi-bin/token'); // { daily_limit: 2000, used: 1, remain: 1999 } on a new state
 * ```
 */
export function quotaOf(
  state: EmulatorState,
  path: string,
): { daily_limit: number; used: number; remain: number } {
  const used = slot(state).used[path] ?? 0;
  const limit = dailyLimit(path);
  return { daily_limit: limit, used, remain: Math.max(0, limit - used) };
}

/**
 * Resets every counter of today (`clear_quota`); throws 48006 after 10 resets in a month.
 *
 * @example
 * ```ts
 * clearQuota(state); // today's counters back to 0; WxError(48006) after 10 clears in a month
 * ```
 */
export function clearQuota(state: EmulatorState): void {
  useClearChance(state).used = {};
}

/**
 * Resets today's counter of one path (`openapi/quota/clear`), using one of the same 10 monthly resets.
 *
 * @example
 * ```ts
 * clearPathQuota(state, '/cgi-bin/message/custom/send');
 * ```
 */
export function clearPathQuota(state: EmulatorState, path: string): void {
  delete useClearChance(state).used[path];
}

/** Uses one of the month's resets (48006 when none is left) and returns the quotas. */
function useClearChance(state: EmulatorState): QuotaSlot {
  const q = slot(state);
  const month = beijingMonth(state.now());
  q.clears = q.clears.filter((at) => beijingMonth(at) === month);
  if (q.clears.length >= CLEARS_PER_MONTH) fail(48006);
  q.clears.push(state.now());
  return q;
}
