/**
 * How to fix the errors WeChat's token and ticket endpoints answer with: one sentence per errcode, attached to
 * the `WeChatApiError` as its hint.
 * @module
 */

/** Console path of the IP whitelist, where 40164 is fixed. */
const WHITELIST = 'the IP whitelist (mp.weixin.qq.com → 设置与开发 → 基本配置 → IP白名单)';

/**
 * The hint for an errcode from `/cgi-bin/token`, `/cgi-bin/stable_token` or `/cgi-bin/ticket/getticket` (40001
 * means a wrong AppSecret at the token endpoints, a rejected access_token elsewhere).
 *
 * @example
 * ```ts
 * tokenErrorHint(40164, 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist');
 * // 'Add 203.0.113.7 to the IP whitelist (…)'
 * ```
 */
export function tokenErrorHint(
  errcode: number,
  errmsg: string,
  endpoint = '/cgi-bin/token',
): string | undefined {
  const tokenEndpoint = endpoint === '/cgi-bin/token' || endpoint === '/cgi-bin/stable_token';
  if (!tokenEndpoint && (errcode === 40001 || errcode === 40014 || errcode === 42001)) {
    return 'WeChat rejected the access_token even after a refresh; check that no other system refreshes this account’s token (use one token server)';
  }
  switch (errcode) {
    case -1:
      return 'WeChat is busy; the manager retries with backoff';
    case 40001:
    case 40125:
      return 'Check WECHAT_APPSECRET: it must be the current AppSecret of the console (resetting it there invalidates the old one)';
    case 40013:
      return 'Check WECHAT_APPID: it must be the AppID of this account (wx followed by 16 characters)';
    case 41004:
      return 'Set WECHAT_APPSECRET';
    case 40164: {
      const ip = /invalid ip\s+([0-9a-fA-F.:]+)/i.exec(errmsg)?.[1];
      return `Add ${ip ?? 'this server’s public IP'} to ${WHITELIST}`;
    }
    case 40243:
      return 'The AppSecret is frozen; unfreeze or reset it in the console';
    case 45009:
      return 'The daily quota of this endpoint is used up (2000 calls of /cgi-bin/token a day); it resets at midnight (UTC+8), or reset it now with POST /cgi-bin/clear_quota/v2 (10 resets a month), and find what keeps fetching new tokens';
    case 45011:
      return 'Too many calls this minute; the manager retries with backoff';
    case 89503:
    case 89501:
      return `An administrator must confirm calls from this IP in the console, or add it to ${WHITELIST}`;
    case 89506:
    case 89507:
      return `An administrator rejected calls from this IP, which is now blocked for a while; add it to ${WHITELIST}`;
    case 50004:
    case 50007:
      return 'The account or its token API is frozen; see the console';
    default:
      return undefined;
  }
}
