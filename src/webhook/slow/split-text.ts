/**
 * Splitting a text answer longer than one passive text reply allows. WeChat's interface documentation limits the
 * reply's Content to 2048 bytes ("回复的消息内容长度不超过2048字节", the old wiki's 被动回复用户消息 page; measured: 2047
 * UTF-8 bytes pass, 2048 do not, see http://shanmao.me/weixin/wei-xin-kai-fa-jie-shou-wen-zi-chang-du and
 * https://github.com/dodgepudding/wechat-php-sdk/issues/363). Past it the fan sees "该公众号提供的服务出现故障".
 * @module
 */
import type { Reply } from '../../replies/types.js';

/**
 * The most UTF-8 bytes of one text reply's content WeChat delivers (its documented limit of 2048, less one).
 *
 * @example
 * ```ts
 * splitText('好'.repeat(1000), MAX_TEXT_REPLY_BYTES).length; // 2 (3000 bytes)
 * ```
 */
export const MAX_TEXT_REPLY_BYTES = 2047;

/**
 * Splits `text` into parts of at most `maxBytes` UTF-8 bytes each, at code-point boundaries (never inside a UTF-8
 * sequence or a surrogate pair), preferring a line break or a space in the last fifth of a part. Nothing is dropped:
 * the parts joined are the text.
 *
 * @example
 * ```ts
 * splitText('ab😀cd', 6); // ['ab😀', 'cd']
 * ```
 */
export function splitText(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new RangeError('maxBytes must leave room for one code point (4 bytes)');
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let bytes = 0;
    let end = start;
    let soft = -1;
    while (end < text.length) {
      const code = text.codePointAt(end)!;
      const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) break;
      bytes += size;
      end += code >= 0x10000 ? 2 : 1;
      const char = text[end - 1];
      if ((char === '\n' || char === ' ' || char === '。') && bytes >= (maxBytes * 4) / 5) soft = end;
    }
    if (end < text.length && soft > start) end = soft;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts.length === 0 ? [''] : parts;
}

/**
 * The replies that carry `reply`: itself, or for a text past the limit its parts, each but the last ending with
 * `moreText` (which counts against the limit).
 *
 * @example
 * ```ts
 * replyParts({ type: 'text', content: '好'.repeat(1000) }, '…').map((r) => r.type); // ['text', 'text']
 * ```
 */
export function replyParts(reply: Reply, moreText = ''): Reply[] {
  if (reply.type !== 'text' || Buffer.byteLength(reply.content) <= MAX_TEXT_REPLY_BYTES) return [reply];
  const room = MAX_TEXT_REPLY_BYTES - Buffer.byteLength(moreText);
  const parts = splitText(reply.content, room);
  return parts.map((content, i) => ({
    type: 'text' as const,
    content: i < parts.length - 1 ? content + moreText : content,
  }));
}
