/**
 * Dates of the statistics: days and hours in Beijing time (UTC+8), the range a call asks for (61500 for a date that
 * is not `YYYY-MM-DD`, 61501 for a range WeChat refuses, per `DATACUBE_SPANS`), and the activities inside it.
 * @module
 */
import { dateRangeProblem, dayNumber, type DatacubeName } from '../../../api/datacube-rules.js';
import { activities, type Activity } from '../../activity.js';
import type { Call } from '../core/handler.js';
import { fail, textOf } from '../core/respond.js';

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;

/**
 * The Beijing day number (days since 1970-01-01) of a time in ms.
 *
 * @example
 * ```ts
 * dateOfDay(dayOf(Date.UTC(2024, 5, 1, 16))); // '2024-06-02' (midnight in Beijing)
 * ```
 */
export function dayOf(ms: number): number {
  return Math.floor((ms + BEIJING_MS) / DAY_MS);
}

/**
 * The Beijing hour (0–23) of a time in ms.
 *
 * @example
 * ```ts
 * hourOf(Date.UTC(2024, 5, 1, 4)); // 12
 * ```
 */
export function hourOf(ms: number): number {
  return Math.floor(((ms + BEIJING_MS) % DAY_MS) / 3_600_000);
}

/**
 * A day number as `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * dateOfDay(0); // '1970-01-01'
 * ```
 */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The Monday of a day's week, and the first day of its month (the `ref_date` of weekly and monthly rows).
 *
 * @example
 * ```ts
 * import { dayNumber } from '../../../api/datacube-rules.js';
 * dateOfDay(periodStart(dayNumber('2024-06-05')!, 'week')); // '2024-06-03'
 * ```
 */
export function periodStart(day: number, period: 'day' | 'week' | 'month'): number {
  if (period === 'day') return day;
  if (period === 'week') return day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7);
  return dayNumber(`${dateOfDay(day).slice(0, 8)}01`) ?? day;
}

/**
 * The days a call asks for, checked as WeChat checks them (61500 format, 61501 range).
 *
 * @example
 * ```ts
 * import type { Call } from '../core/handler.js';
 * declare const call: Call; // a datacube handler's argument
 * const { first, last } = requestedDays(call);
 * ```
 */
export function requestedDays(call: Call): { first: number; last: number; days: number[] } {
  const begin = textOf(call.body['begin_date']);
  const end = textOf(call.body['end_date']);
  const problem = dateRangeProblem(call.spec.name as DatacubeName, begin, end);
  if (problem === 'format') fail(61500);
  if (problem === 'range') fail(61501);
  const first = dayNumber(begin)!;
  const last = dayNumber(end)!;
  return { first, last, days: Array.from({ length: last - first + 1 }, (_, i) => first + i) };
}

/**
 * The recorded activities of some kinds whose day falls between `first` and `last`.
 *
 * @example
 * ```ts
 * import type { Call } from '../core/handler.js';
 * declare const call: Call; // a datacube handler's argument
 * const { first, last } = requestedDays(call);
 * const messages = activitiesIn(call, ['message'], first, last);
 * ```
 */
export function activitiesIn<K extends Activity['kind']>(
  call: Call,
  kinds: readonly K[],
  first: number,
  last: number,
): (Activity & { kind: K })[] {
  return activities(call.state).filter((a): a is Activity & { kind: K } => {
    if (!(kinds as readonly string[]).includes(a.kind)) return false;
    const day = dayOf(a.at);
    return day >= first && day <= last;
  });
}

/**
 * Groups items by a key, keeping the keys in first-seen order.
 *
 * @example
 * ```ts
 * groupBy([1, 2, 3], (n) => n % 2); // Map { 1 => [1, 3], 0 => [2] }
 * ```
 */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * How many different fans are among items that name one.
 *
 * @example
 * ```ts
 * distinctFans([{ openid: 'a' }, { openid: 'a' }, { openid: 'b' }]); // 2
 * ```
 */
export function distinctFans(items: readonly { openid: string }[]): number {
  return new Set(items.map((i) => i.openid)).size;
}
