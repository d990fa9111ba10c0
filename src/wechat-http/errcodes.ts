/**
 * The WeChat errcodes whose meaning the code acts on (not only reports), named once for the token managers, the API
 * client and the API proxy.
 * @module
 */

/**
 * Errcodes that mean "this access_token is no good": invalid (40001), malformed or not this account's (40014),
 * expired (42001). WeChat did not run the call, so it may be repeated once with a fresh token.
 *
 * @example
 * ```ts
 * import { WeChatApiError } from 'wxmp';
 * try {
 *   await client.menu.get();
 * } catch (err) {
 *   if (err instanceof WeChatApiError && TOKEN_ERRCODES.has(err.errcode)) console.log('token problem');
 * }
 * ```
 */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/**
 * WeChat's "system busy, try again later".
 *
 * @example
 * ```ts
 * import { WeChatApiError } from 'wxmp';
 * const err = new WeChatApiError({ errcode: -1, errmsg: 'system error', endpoint: '/cgi-bin/menu/get' });
 * console.log(err.errcode === SYSTEM_BUSY); // true
 * ```
 */
export const SYSTEM_BUSY = -1;

/**
 * The per-minute rate limit of an endpoint; unlike the daily quota (45009) it lifts by itself.
 *
 * @example
 * ```ts
 * const transient = new Set([SYSTEM_BUSY, MINUTE_RATE_LIMIT]);
 * ```
 */
export const MINUTE_RATE_LIMIT = 45011;
