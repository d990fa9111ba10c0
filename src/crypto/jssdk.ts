/**
 * The JS-SDK `wx.config` signature (JS-SDK doc, appendix 1): SHA-1 over
 * `jsapi_ticket=…&noncestr=…&timestamp=…&url=…`, fields in that (ASCII) order, nothing URL-encoded, and the page URL
 * without its `#fragment`.
 * @module
 */
import { createHash } from 'node:crypto';

/**
 * The four signed fields; note the lower-case `noncestr` here versus `nonceStr` in `wx.config`.
 */
export interface JssdkSignInput {
  jsapi_ticket: string;
  noncestr: string;
  /** Unix seconds, exactly as passed to `wx.config`. */
  timestamp: string | number;
  /** The full page URL; any `#fragment` is removed before signing. */
  url: string;
}

/**
 * The page URL as WeChat signs it: everything before the first `#` (the query string stays).
 *
 * @example
 * ```ts
 * stripFragment('https://example.com/page?a=1#top'); // 'https://example.com/page?a=1'
 * ```
 */
export function stripFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/**
 * The string that is hashed (`string1` in the docs).
 *
 * @example
 * ```ts
 * jssdkString1({ jsapi_ticket: 'T', noncestr: 'N', timestamp: 1, url: 'http://a/#x' });
 * // 'jsapi_ticket=T&noncestr=N&timestamp=1&url=http://a/'
 * ```
 */
export function jssdkString1(input: JssdkSignInput): string {
  // Already in ASCII order of the field names; values are used raw, never URL-encoded.
  return (
    `jsapi_ticket=${input.jsapi_ticket}&noncestr=${input.noncestr}` +
    `&timestamp=${String(input.timestamp)}&url=${stripFragment(input.url)}`
  );
}

/**
 * The `signature` for `wx.config` (lower-case hex SHA-1 of {@link jssdkString1}).
 *
 * @example
 * ```ts
 * jssdkSignature({
 *   jsapi_ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
 *   noncestr: 'Wm3WZYTPz0wzccnW', timestamp: '1414587457', url: 'http://mp.weixin.qq.com?params=value',
 * }); // '0f9de62fce790f9a083d5c99e95740ceb90c27ed'
 * ```
 */
export function jssdkSignature(input: JssdkSignInput): string {
  return createHash('sha1').update(jssdkString1(input), 'utf8').digest('hex');
}
