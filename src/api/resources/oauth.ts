/**
 * Web authorization (网页授权, OAuth 2.0): the authorize URL, the code exchange, refresh, user info and the token
 * check. These per-user tokens are separate from the global access_token: the exchange uses the AppID and
 * AppSecret, and the later calls take the user's own token.
 * @see https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsaccesstoken.html
 * @module
 */
import { WeChatApiError, WeChatError } from '../../errors.js';
import type { OAuthScope } from '../types/oauth.js';
import { requireAppId, type ResourceContext } from './context.js';

/**
 * Inputs of {@link buildAuthorizeUrl}.
 */
export interface AuthorizeUrlOptions {
  appId: string;
  /** Where WeChat sends the user back with `?code=…&state=…`; on the account's authorization domain. */
  redirectUri: string;
  scope: OAuthScope;
  /** Echoed back; `[a-zA-Z0-9]`, ≤ 128 bytes. Use it against CSRF. */
  state?: string;
  /** Always show the consent dialog. */
  forcePopup?: boolean;
  /** Default `https://open.weixin.qq.com`. */
  origin?: string;
}

/**
 * The URL to send a visitor to. WeChat needs this exact parameter order and the `#wechat_redirect` suffix (also
 * when you answer with a 302).
 *
 * @example
 * ```ts
 * buildAuthorizeUrl({ appId: 'wx520c15f417810387', redirectUri: 'https://example.com/cb?x=1', scope: 'snsapi_base', state: 'abc' });
 * // 'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx520c15f417810387
 * //  &redirect_uri=https%3A%2F%2Fexample.com%2Fcb%3Fx%3D1&response_type=code&scope=snsapi_base&state=abc#wechat_redirect'
 * ```
 */
export function buildAuthorizeUrl(options: AuthorizeUrlOptions): string {
  const state = options.state ?? '';
  if (!/^[a-zA-Z0-9]{0,128}$/.test(state)) {
    throw new WeChatError('REQUEST_INVALID', 'OAuth state must be at most 128 letters or digits', {
      hint: 'Use e.g. a random hex string and keep the rest of your data server-side',
    });
  }
  const origin = (options.origin ?? 'https://open.weixin.qq.com').replace(/\/+$/, '');
  return (
    `${origin}/connect/oauth2/authorize?appid=${encodeURIComponent(options.appId)}` +
    `&redirect_uri=${encodeURIComponent(options.redirectUri)}&response_type=code&scope=${options.scope}` +
    `&state=${state}${options.forcePopup ? '&forcePopup=true' : ''}#wechat_redirect`
  );
}

/**
 * The web-authorization group of the client.
 *
 * @example
 * ```ts
 * const code = 'CODE'; // the ?code= WeChat adds to your redirect URI
 * const token = await client.oauth.accessToken(code); // this group
 * ```
 */
export function createOAuthApi({ call, appId, authorizeOrigin }: ResourceContext) {
  return {
    /**
     * Helper (not an endpoint): the authorize URL for this client's AppID (see {@link buildAuthorizeUrl}).
     * @see https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
     */
    authorizeUrl(options: Omit<AuthorizeUrlOptions, 'appId' | 'origin'>): string {
      return buildAuthorizeUrl({
        ...options,
        appId: requireAppId(appId, 'The authorize URL'),
        origin: authorizeOrigin,
      });
    },
    /**
     * Exchanges the `code` of the redirect for the user's token and openid (GET /sns/oauth2/access_token, with
     * the AppSecret). A code works once (40163 afterwards) and for 5 minutes; this call is never retried.
     * @see https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsaccesstoken.html
     */
    accessToken(code: string) {
      return call('oauth.accessToken', { code });
    },
    /**
     * Renews a user's token with the refresh_token (valid 30 days) (GET /sns/oauth2/refresh_token).
     * @see https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsrefreshtoken.html
     */
    refreshToken(refreshToken: string) {
      return call('oauth.refreshToken', { refresh_token: refreshToken });
    },
    /**
     * The user's profile; needs scope `snsapi_userinfo` (GET /sns/userinfo).
     * @see https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsuserinfo.html
     */
    userInfo(userAccessToken: string, openid: string, lang: 'zh_CN' | 'zh_TW' | 'en' = 'zh_CN') {
      return call('oauth.userInfo', { access_token: userAccessToken, openid, lang });
    },
    /**
     * Checks a user's token (GET /sns/auth): resolves when it is valid, rejects with a `WeChatApiError` (40003,
     * 42001, …) when WeChat refuses it. `isTokenValid` answers the same question as a boolean.
     * @see https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsauth.html
     */
    auth(userAccessToken: string, openid: string) {
      return call('oauth.auth', { access_token: userAccessToken, openid });
    },
    /**
     * Helper (not an endpoint): `oauth.auth` as a boolean — true, or false when WeChat rejects the token (other
     * failures still reject).
     * @see https://developers.weixin.qq.com/doc/service/api/webdev/access/api_snsauth.html
     */
    async isTokenValid(userAccessToken: string, openid: string): Promise<boolean> {
      try {
        await call('oauth.auth', { access_token: userAccessToken, openid });
        return true;
      } catch (err) {
        if (err instanceof WeChatApiError && [40001, 40003, 40014, 42001].includes(err.errcode)) return false;
        throw err;
      }
    },
  };
}

/**
 * The type of `client.oauth`.
 */
export type OAuthApi = ReturnType<typeof createOAuthApi>;
