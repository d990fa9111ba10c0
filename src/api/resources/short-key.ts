/**
 * Short keys (短key托管): WeChat keeps up to 4 KB of text under a 15-character key for at most 30 days, e.g. to
 * fit a long state into a QR scene or a URL.
 * @see https://developers.weixin.qq.com/doc/service/api/qrcode/shorten/api_genshortkey.html
 * @module
 */
import { WeChatError } from '../../errors.js';
import type { ResourceContext } from './context.js';

/** The most bytes of text, and the longest life in seconds. */
const MAX_BYTES = 4096;
const MAX_SECONDS = 2_592_000;

/**
 * The short-key group of the client.
 *
 * @example
 * ```ts
 * const { short_key } = await client.shortKey.generate(JSON.stringify({ order: 42 }), 86_400);
 * const { long_data } = await client.shortKey.fetch(short_key);
 * ```
 */
export function createShortKeyApi({ call }: ResourceContext) {
  return {
    /**
     * Stores text under a new short key (POST /cgi-bin/shorten/gen): at most 4 KB, for at most 30 days (the
     * default); never repeated after an unknown outcome (a second key would be made).
     * @see https://developers.weixin.qq.com/doc/service/api/qrcode/shorten/api_genshortkey.html
     */
    async generate(longData: string, expireSeconds = MAX_SECONDS) {
      const bytes = new TextEncoder().encode(longData).length;
      if (bytes === 0 || bytes > MAX_BYTES)
        throw new WeChatError('REQUEST_INVALID', `A short key holds 1 to ${MAX_BYTES} bytes (got ${bytes})`, {
          hint: 'Store less, or keep the data on your side under your own key (WeChat answers 9410010 otherwise)',
        });
      if (!Number.isInteger(expireSeconds) || expireSeconds < 1 || expireSeconds > MAX_SECONDS)
        throw new WeChatError('REQUEST_INVALID', `A short key lives 1 to ${MAX_SECONDS} seconds (30 days)`, {
          hint: 'Pass a whole number of seconds up to 2592000 (WeChat answers 9410011 otherwise)',
        });
      return call('shortKey.generate', { long_data: longData, expire_seconds: expireSeconds });
    },
    /**
     * The text of a short key, with its creation time and remaining seconds (POST /cgi-bin/shorten/fetch);
     * 9410012 for a key that is unknown, expired or another account's.
     * @see https://developers.weixin.qq.com/doc/service/api/qrcode/shorten/api_fetchshorten.html
     */
    fetch(shortKey: string) {
      return call('shortKey.fetch', { short_key: shortKey });
    },
  };
}

/**
 * The type of `client.shortKey`.
 */
export type ShortKeyApi = ReturnType<typeof createShortKeyApi>;
