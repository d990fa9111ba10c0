/**
 * Walks WeChat's openid lists page by page (user/get, user/tag/get, getblacklist all page the same way: pass the
 * last page's `next_openid` until a page comes back empty).
 * @module
 */
import type { OpenidPage } from '../types/common.js';

/**
 * Yields every openid of a paged list, fetching pages lazily.
 *
 * @example
 * ```ts
 * for await (const openid of eachOpenid((next) => client.user.list(next))) console.log(openid);
 * ```
 */
export async function* eachOpenid(fetchPage: (next: string) => Promise<OpenidPage>): AsyncGenerator<string> {
  let next = '';
  for (;;) {
    const page = await fetchPage(next);
    const openids = page.data?.openid ?? [];
    yield* openids;
    // WeChat returns the last id of the final page as next_openid, then an empty page: stop on either signal.
    if (openids.length === 0 || !page.next_openid || page.next_openid === next) return;
    next = page.next_openid;
  }
}
