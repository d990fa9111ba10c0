/**
 * Reading WeChat's JSON answers: the body parsed with 64-bit ids intact, its `errcode` and `errmsg`, and an error
 * answer turned into a `WeChatApiError` with the hint of the one table (`hints.ts`).
 * @module
 */
import { WeChatApiError, WeChatError } from '../errors.js';
import { hintFor } from './hints.js';
import { parseJson } from './json.js';

/**
 * The hint of every error that says WeChat's answer was not what WeChat answers: the API base is probably wrong.
 *
 * @example
 * ```ts
 * import { WeChatError } from 'wxmp';
 * const endpoint = '/cgi-bin/token';
 * const answer: Record<string, unknown> = { expires_in: 7200 };
 * if (typeof answer['access_token'] !== 'string')
 *   throw new WeChatError('HTTP_ERROR', `WeChat API ${endpoint} answered without access_token`, { hint: CHECK_API_BASE });
 * ```
 */
export const CHECK_API_BASE =
  'Check WECHAT_API_BASE: it must point at https://api.weixin.qq.com or a compatible server (the emulator)';

/**
 * Parses a JSON answer, or reports a body that is not JSON (an HTML error page of a gateway, say) as `HTTP_ERROR`.
 *
 * @example
 * ```ts
 * const data = parseAnswer('{"errcode":0}', 200, '/cgi-bin/menu/create');
 * ```
 */
export function parseAnswer(text: string, status: number, endpoint: string): unknown {
  try {
    return parseJson(text);
  } catch {
    throw new WeChatError(
      'HTTP_ERROR',
      `WeChat API ${endpoint} answered HTTP ${status} with a body that is not JSON`,
      { hint: CHECK_API_BASE },
    );
  }
}

/**
 * WeChat's `errcode` of a parsed answer; success answers often omit it, which counts as 0.
 *
 * @example
 * ```ts
 * errcodeOf({ errcode: 45009, errmsg: 'reach max api daily quota limit' }); // 45009
 * errcodeOf({ menu: {} }); // 0
 * ```
 */
export function errcodeOf(data: unknown): number {
  const errcode = isJsonObject(data) ? data['errcode'] : undefined;
  return typeof errcode === 'number' ? errcode : typeof errcode === 'string' ? Number(errcode) || 0 : 0;
}

/**
 * WeChat's `errcode` of an answer still in text (as the API proxy passes it on); 0 for text that is not JSON, which
 * carries no errcode to act on.
 *
 * @example
 * ```ts
 * errcodeOfText('{"errcode":-1,"errmsg":"system error"}'); // -1
 * errcodeOfText('<html>Bad Gateway</html>'); // 0
 * ```
 */
export function errcodeOfText(text: string): number {
  try {
    return errcodeOf(parseJson(text));
  } catch {
    return 0;
  }
}

/**
 * WeChat's `errmsg` of a parsed answer, or `''`.
 *
 * @example
 * ```ts
 * errmsgOf({ errcode: 46003, errmsg: 'menu no exist' }); // 'menu no exist'
 * ```
 */
export function errmsgOf(data: unknown): string {
  const errmsg = isJsonObject(data) ? data['errmsg'] : undefined;
  return typeof errmsg === 'string' ? errmsg : '';
}

/**
 * The `WeChatApiError` for an error answer of `endpoint` (its errcode, errmsg and the table's hint).
 *
 * @example
 * ```ts
 * const err = apiErrorOf({ errcode: 40164, errmsg: 'invalid ip 203.0.113.7, not in whitelist' }, '/cgi-bin/token');
 * err.hint; // 'Add 203.0.113.7 to the account's IP whitelist …'
 * ```
 */
export function apiErrorOf(data: unknown, endpoint: string): WeChatApiError {
  const errcode = errcodeOf(data);
  const errmsg = errmsgOf(data);
  return new WeChatApiError({ errcode, errmsg, endpoint }, { hint: hintFor(errcode, errmsg, endpoint) });
}

/**
 * Whether a parsed answer is a JSON object (not an array, not a bare value).
 *
 * @example
 * ```ts
 * isJsonObject({ access_token: 'T' }); // true
 * isJsonObject([1, 2]); // false
 * ```
 */
export function isJsonObject(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}
