/**
 * Asking WeChat whether an access_token is really rejected, before a client's word retires it: the token server's
 * clients are not trusted to say so (one key holder reporting valid tokens as rejected in a loop locked every other
 * client out, and burned the day's forced refreshes). The check is one call of `GET /cgi-bin/getcallbackip`, which
 * needs only a valid token and spends no token-endpoint quota.
 * @module
 */
import { endpoints } from '../api/endpoints.js';
import { WeChatApiError } from '../errors.js';
import { callWeChat, TOKEN_ERRCODES, type Upstream } from '../wechat-http/index.js';

/**
 * What WeChat says of a token: it works, it is rejected (40001, 40014, 42001), or the check itself failed (WeChat
 * unreachable, busy, or the check's own quota), so nobody knows.
 *
 * @example
 * ```ts
 * const checkToken = tokenChecker({ apiBase: 'https://api.weixin.qq.com', fetch, timeoutMs: 10_000 });
 * const verdict: TokenVerdict = await checkToken('ACCESS_TOKEN');
 * if (verdict === 'valid') console.log('WeChat accepts it: keep it');
 * ```
 */
export type TokenVerdict = 'valid' | 'rejected' | 'unknown';

/**
 * A check of access_tokens against WeChat at `upstream`.
 *
 * @example
 * ```ts
 * const checkToken = tokenChecker({ apiBase: 'https://api.weixin.qq.com', fetch, timeoutMs: 10_000 });
 * await checkToken('ACCESS_TOKEN'); // 'rejected'
 * ```
 */
export function tokenChecker(upstream: Upstream): (token: string) => Promise<TokenVerdict> {
  const spec = endpoints['misc.callbackIp'];
  return async (token) => {
    try {
      await callWeChat(upstream, spec, undefined, { token, appId: undefined, appSecret: undefined });
      return 'valid';
    } catch (err) {
      return err instanceof WeChatApiError && TOKEN_ERRCODES.has(err.errcode) ? 'rejected' : 'unknown';
    }
  };
}
