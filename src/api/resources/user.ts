/**
 * Users (用户管理): profile, batch profile, the follower list (with an async iterator over every page) and remarks.
 * @see https://developers.weixin.qq.com/doc/service/api/usermanage/userinfo/api_userinfo.html
 * @module
 */
import { WeChatError } from '../../errors.js';
import type { UserLang } from '../types/user.js';
import type { ResourceContext } from './context.js';
import { eachOpenid } from './paging.js';

/**
 * The user group of the client.
 *
 * @example
 * ```ts
 * for await (const openid of client.user.all()) console.log(openid); // this group
 * ```
 */
export function createUserApi({ call }: ResourceContext) {
  const list = (nextOpenid = '') => call('user.list', nextOpenid ? { next_openid: nextOpenid } : {});
  return {
    /**
     * One follower's profile (GET /cgi-bin/user/info); `subscribe: 0` when they do not follow.
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/userinfo/api_userinfo.html
     */
    info(openid: string, lang: UserLang = 'zh_CN') {
      return call('user.info', { openid, lang });
    },
    /**
     * Up to 100 profiles at once (POST /cgi-bin/user/info/batchget).
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/userinfo/api_batchuserinfo.html
     */
    batchGet(openids: readonly string[], lang: UserLang = 'zh_CN') {
      return call('user.batchGet', { user_list: openids.map((openid) => ({ openid, lang })) });
    },
    /**
     * One page of up to 10 000 follower openids (GET /cgi-bin/user/get); pass the previous `next_openid`.
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/userinfo/api_getfans.html
     */
    list,
    /**
     * Helper (not an endpoint): every follower's openid, calling `user.list` page by page as the loop asks.
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/userinfo/api_getfans.html
     */
    all(): AsyncGenerator<string> {
      return eachOpenid(list);
    },
    /**
     * Sets the remark (备注名) of a follower (POST /cgi-bin/user/info/updateremark).
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/userinfo/api_updateremark.html
     */
    updateRemark(openid: string, remark: string) {
      return call('user.updateRemark', { openid, remark });
    },
    /**
     * The openids in this account of fans who came with an account migration (帐号迁移), from their openids in the
     * old account (POST /cgi-bin/changeopenid); up to 100 at a time.
     * @see https://developers.weixin.qq.com/doc/service/api/usermanage/changeopenid/api_changeopenid.html
     */
    async changeOpenid(fromAppId: string, openids: string[]) {
      if (openids.length < 1 || openids.length > 100)
        throw new WeChatError(
          'REQUEST_INVALID',
          `changeopenid takes 1 to 100 openids (got ${openids.length})`,
          {
            hint: 'Convert the openids in batches of 100',
          },
        );
      return call('user.changeOpenid', { from_appid: fromAppId, openid_list: openids });
    },
  };
}

/**
 * The type of `client.user`.
 */
export type UserApi = ReturnType<typeof createUserApi>;
