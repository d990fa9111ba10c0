/**
 * Web-authorization (网页授权) shapes (reference §9.11). These tokens belong to one user and are not the global
 * access_token.
 * @module
 */
import type { BaseResponse } from './common.js';

/**
 * `snsapi_base` is silent and gives the openid; `snsapi_userinfo` asks for consent and allows sns/userinfo.
 */
export type OAuthScope = 'snsapi_base' | 'snsapi_userinfo';

/**
 * The query of sns/oauth2/access_token (appid, secret and grant_type are added by the client).
 */
export interface OAuthCodeRequest {
  code: string;
}

/**
 * The query of sns/oauth2/refresh_token (appid and grant_type are added by the client).
 */
export interface OAuthRefreshRequest {
  refresh_token: string;
}

/**
 * A user's web-authorization token.
 *
 * @example
 * ```ts
 * const code = 'CODE'; // the ?code= WeChat adds to your redirect URI
 * const token = await client.oauth.accessToken(code);
 * if (token.is_snapshotuser === 1) console.log('virtual snapshot-mode user');
 * ```
 */
export interface OAuthToken extends BaseResponse {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  openid: string;
  scope: string;
  /** 1: the page ran in snapshot mode and this is a virtual account, not a real user. */
  is_snapshotuser?: 0 | 1;
  unionid?: string;
}

/**
 * The query of sns/userinfo and sns/auth: the user's token, not the global one.
 */
export interface OAuthUserRequest {
  access_token: string;
  openid: string;
  lang?: 'zh_CN' | 'zh_TW' | 'en';
}

/**
 * The answer of sns/userinfo (since 2021-10 `sex` is 0 and region fields are empty).
 *
 * @example
 * ```ts
 * const token = await client.oauth.accessToken('CODE');
 * const { nickname } = await client.oauth.userInfo(token.access_token, token.openid);
 * ```
 */
export interface OAuthUserInfo extends BaseResponse {
  openid: string;
  nickname: string;
  sex: number;
  province: string;
  city: string;
  country: string;
  headimgurl: string;
  privilege: string[];
  unionid?: string;
}
