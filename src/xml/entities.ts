/**
 * Entities in WeChat's XML, decoded strictly: the five predefined ones and valid character references; anything
 * else is refused, never expanded. Off the parser's hot path: only text that holds `&` comes here.
 * @module
 */
import { WeChatError } from '../errors.js';

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);|&/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Throws `XML_MALFORMED` (a `WeChatError`) saying why.
 *
 * @example
 * ```ts
 * const fail = (): string => malformed('unterminated comment'); // throws "Malformed XML: unterminated comment"
 * ```
 */
export function malformed(reason: string): never {
  throw new WeChatError('XML_MALFORMED', `Malformed XML: ${reason}`);
}

/**
 * The text with its entities decoded; throws `XML_MALFORMED` on a bare `&`, an undefined entity or a character
 * XML does not allow.
 *
 * @example
 * ```ts
 * decodeEntities('a &lt; b &amp;&#x4E2D;'); // 'a < b &中'
 * ```
 */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (match, ref: string | undefined) => {
    if (ref === undefined) malformed('a bare "&" in text (use &amp; or CDATA)');
    if (ref[0] !== '#') {
      const named = PREDEFINED[ref];
      if (named === undefined) malformed(`undefined entity &${ref}; (entities are not expanded)`);
      return named;
    }
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    const valid =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!valid) malformed(`character reference ${match} is not allowed in XML`);
    return String.fromCodePoint(code);
  });
}
