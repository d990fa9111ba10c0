/**
 * WeChat's openid paging (user/get, user/tag/get, getblacklist): pages of up to 10 000 openids, continued from the
 * openid after `next_openid`.
 * @module
 */
import { fail } from './respond.js';

/** Openids per page, as WeChat pages them. */
export const OPENID_PAGE_SIZE = 10_000;

/**
 * One page of `openids` after `next` (empty or absent: from the start); 40003 for an unknown `next`. An empty page
 * has no `data` and an empty `next_openid`, as WeChat answers at the end of the list.
 *
 * @example
 * ```ts
 * openidPage(['o1', 'o2', 'o3'], 'o1', 10); // { count: 2, data: { openid: ['o2', 'o3'] }, next_openid: 'o3' }
 * ```
 */
export function openidPage(
  openids: readonly string[],
  next: unknown,
  size = OPENID_PAGE_SIZE,
): { count: number; data?: { openid: string[] }; next_openid: string } {
  let start = 0;
  if (typeof next === 'string' && next !== '') {
    const index = openids.indexOf(next);
    if (index < 0) fail(40003);
    start = index + 1;
  }
  const page = openids.slice(start, start + size);
  if (page.length === 0) return { count: 0, next_openid: '' };
  return { count: page.length, data: { openid: page }, next_openid: page.at(-1) ?? '' };
}
