/**
 * Account-level tools: WeChat's IP lists, quota reset and usage, rid lookup and the network check.
 * @see https://developers.weixin.qq.com/doc/service/api/apimanage/api_getapiquota.html
 * @module
 */
import { WeChatError } from '../../errors.js';
import type { CallbackCheckRequest } from '../types/misc.js';
import type { ResourceContext } from './context.js';

/**
 * The misc group of the client.
 *
 * @example
 * ```ts
 * const { quota } = await client.misc.quotaGet('/cgi-bin/message/custom/send'); // this group
 * ```
 */
export function createMiscApi({ call, appId }: ResourceContext) {
  return {
    /**
     * The IPs WeChat pushes from (GET /cgi-bin/getcallbackip); refresh daily if you filter on them.
     * @see https://developers.weixin.qq.com/doc/service/api/base/api_getcallbackip.html
     */
    callbackIp() {
      return call('misc.callbackIp');
    },
    /**
     * The IPs of WeChat's API entry points (GET /cgi-bin/get_api_domain_ip).
     * @see https://developers.weixin.qq.com/doc/service/api/base/api_getapidomainip.html
     */
    apiDomainIp() {
      return call('misc.apiDomainIp');
    },
    /**
     * Resets the daily quotas after 45009 (POST /cgi-bin/clear_quota); 10 resets a month, never retried.
     * @see https://developers.weixin.qq.com/doc/service/api/apimanage/api_clearquota.html
     */
    async clearQuota(appid: string | undefined = appId) {
      // Inside an async method, so a missing AppID rejects the promise instead of throwing at the call site.
      if (!appid)
        throw new WeChatError('CONFIG_INVALID', 'clear_quota needs the AppID: pass appId to createApiClient');
      return call('misc.clearQuota', { appid });
    },
    /**
     * Resets the daily quotas with the AppSecret, for when the token quota itself is gone
     * (POST /cgi-bin/clear_quota/v2); shares the 10 monthly resets.
     * @see https://developers.weixin.qq.com/doc/service/api/apimanage/api_clearquotabyappsecret.html
     */
    clearQuotaV2() {
      return call('misc.clearQuotaV2');
    },
    /**
     * Daily limit, use and remainder of one API path (POST /cgi-bin/openapi/quota/get).
     * @see https://developers.weixin.qq.com/doc/service/api/apimanage/api_getapiquota.html
     */
    quotaGet(cgiPath: string) {
      return call('misc.quotaGet', { cgi_path: cgiPath });
    },
    /**
     * Resets the daily count of one API path (POST /cgi-bin/openapi/quota/clear), e.g. after 45009 on
     * `/cgi-bin/message/custom/send`; a limited chance, never repeated automatically.
     * @see https://developers.weixin.qq.com/doc/service/api/apimanage/api_clearapiquota.html
     */
    quotaClear(cgiPath: string) {
      return call('misc.quotaClear', { cgi_path: cgiPath });
    },
    /**
     * What WeChat recorded for a failed call, by the `rid` of its error (7 days) (POST /cgi-bin/openapi/rid/get).
     * @see https://developers.weixin.qq.com/doc/service/api/apimanage/api_getridinfo.html
     */
    ridGet(rid: string) {
      return call('misc.ridGet', { rid });
    },
    /**
     * Asks WeChat to probe your server URL (POST /cgi-bin/callback/check).
     * @see https://developers.weixin.qq.com/doc/service/api/base/api_callbackcheck.html
     */
    callbackCheck(request: CallbackCheckRequest) {
      return call('misc.callbackCheck', request);
    },
  };
}

/**
 * The type of `client.misc`.
 */
export type MiscApi = ReturnType<typeof createMiscApi>;
