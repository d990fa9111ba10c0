/**
 * Short keys (短key托管): up to 4 KB of text stored by WeChat under a 15-character key, for at most 30 days.
 * @see https://developers.weixin.qq.com/doc/service/api/qrcode/shorten/api_genshortkey.html
 * @module
 */
import type { BaseResponse, Io } from './common.js';

/**
 * The body of shorten/gen: the text (at most 4 KB) and its lifetime (at most 2 592 000 s, the default).
 *
 * @example
 * ```ts
 * const { short_key } = await client.shortKey.generate('{"order":42}', 86_400);
 * ```
 */
export interface ShortKeyGenerateRequest {
  long_data: string;
  expire_seconds?: number;
}

/**
 * What shorten/fetch gives back: the text, when it was stored (Unix seconds) and the seconds it has left.
 *
 * @example
 * ```ts
 * const { long_data, expire_seconds } = await client.shortKey.fetch('iTqRJFSEqk9RvPk');
 * ```
 */
export interface ShortKeyData extends BaseResponse {
  long_data: string;
  create_time: number;
  expire_seconds: number;
}

/**
 * Request and response of both short-key endpoints, by table name.
 */
export interface ShortKeyEndpoints {
  'shortKey.generate': Io<ShortKeyGenerateRequest, BaseResponse & { short_key: string }>;
  'shortKey.fetch': Io<{ short_key: string }, ShortKeyData>;
}
