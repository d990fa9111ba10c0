/**
 * The account's blacklist (黑名单): list, block and unblock users.
 * @see https://developers.weixin.qq.com/doc/service/api/usermanage/userinfo/api_batchblacklist.html
 * @module
 */
import type { ResourceContext } from './context.js';
import { eachOpenid } from './paging.js';

/**
 * The blacklist group of the client.
 *
 * @example
 * ```ts
 * await client.blacklist.batchBlacklist(['OPENID']); // client.blacklist is this group
 * ```
 */
export function createBlacklistApi({ call }: ResourceContext) {
  const get = (beginOpenid = '') => call('blacklist.get', { begin_openid: beginOpenid });
  return {
    /**
     * One page of up to 10 000 blocked openids (POST /cgi-bin/tags/members/getblacklist).
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/userinfo/api_getblacklist.html
     */
    get,
    /**
     * Helper (not an endpoint): every blocked openid, calling `blacklist.get` page by page as the loop asks.
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/userinfo/api_getblacklist.html
     */
    all(): AsyncGenerator<string> {
      return eachOpenid(get);
    },
    /**
     * Blocks up to 20 users (POST /cgi-bin/tags/members/batchblacklist).
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/userinfo/api_batchblacklist.html
     */
    batchBlacklist(openids: readonly string[]) {
      return call('blacklist.batchBlacklist', { openid_list: [...openids] });
    },
    /**
     * Unblocks up to 20 users (POST /cgi-bin/tags/members/batchunblacklist).
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/userinfo/api_batchunblacklist.html
     */
    batchUnblacklist(openids: readonly string[]) {
      return call('blacklist.batchUnblacklist', { openid_list: [...openids] });
    },
  };
}

/**
 * The type of `client.blacklist`.
 */
export type BlacklistApi = ReturnType<typeof createBlacklistApi>;
