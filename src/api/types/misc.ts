/**
 * Shapes of the account-level endpoints: IP lists, quotas, rid lookup, network check, and the token endpoints
 * (reference §8, §9.13).
 * @module
 */
import type { BaseResponse } from './common.js';

/**
 * The answer of getcallbackip and get_api_domain_ip.
 *
 * @example
 * ```ts
 * const { ip_list } = await client.misc.callbackIp();
 * ```
 */
export interface IpListResponse extends BaseResponse {
  ip_list: string[];
}

/**
 * The body of clear_quota (the client fills `appid` from its options when omitted).
 */
export interface ClearQuotaRequest {
  appid: string;
}

/**
 * The body of openapi/quota/get.
 */
export interface QuotaGetRequest {
  cgi_path: string;
}

/**
 * The answer of openapi/quota/get.
 *
 * @example
 * ```ts
 * const { quota } = await client.misc.quotaGet('/cgi-bin/menu/create');
 * ```
 */
export interface QuotaGetResponse extends BaseResponse {
  quota: { daily_limit: number; used: number; remain: number };
}

/**
 * The body of openapi/rid/get.
 */
export interface RidGetRequest {
  rid: string;
}

/**
 * The answer of openapi/rid/get (7 days of history; `request_url` may hold your own access_token).
 *
 * @example
 * ```ts
 * import { WeChatApiError } from 'wxmp';
 * try {
 *   await client.menu.get();
 * } catch (err) {
 *   if (err instanceof WeChatApiError && err.rid) console.log((await client.misc.ridGet(err.rid)).request);
 * }
 * ```
 */
export interface RidGetResponse extends BaseResponse {
  request: {
    invoke_time: number;
    cost_in_ms: number;
    request_url: string;
    request_body: string;
    response_body: string;
    client_ip: string;
  };
}

/**
 * The body of callback/check (a probe of your server URL from WeChat's side).
 */
export interface CallbackCheckRequest {
  action: 'all' | 'dns' | 'ping';
  check_operator: 'DEFAULT' | 'CHINANET' | 'UNICOM' | 'CAP';
}

/**
 * The answer of callback/check.
 *
 * @example
 * ```ts
 * const { dns, ping } = await client.misc.callbackCheck({ action: 'all', check_operator: 'DEFAULT' });
 * ```
 */
export interface CallbackCheckResponse extends BaseResponse {
  dns?: { ip: string; real_operator: string }[];
  ping?: { ip: string; from_operator: string; package_loss: string; time: string }[];
}

/**
 * The answer of cgi-bin/token and stable_token (called by the token manager, not by the client).
 */
export interface AccessTokenResponse extends BaseResponse {
  access_token: string;
  expires_in: number;
}

/**
 * The body of stable_token besides the credentials.
 */
export interface StableTokenRequest {
  force_refresh?: boolean;
}
