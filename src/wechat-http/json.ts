/**
 * JSON that keeps WeChat's 64-bit ids intact.
 *
 * WeChat returns ids such as `msg_id`, `msgid`, `publish_id` and `msg_data_id` as bare JSON integers that can exceed
 * 2^53; `JSON.parse` would silently round them. We quote every unsafe integer before parsing, and return the known
 * id fields as strings even when they are small, so their type does not depend on their value.
 * @module
 */

/**
 * Fields that hold 64-bit ids; always strings after {@link parseJson}.
 *
 * @example
 * ```ts
 * ID_FIELDS.has('publish_id'); // true
 * ```
 */
export const ID_FIELDS: ReadonlySet<string> = new Set(['msg_id', 'msgid', 'msg_data_id', 'publish_id']);

// A JSON string literal (skipped as a whole, so digits inside strings are never touched) or a number.
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * Parses WeChat's JSON; integers beyond `Number.MAX_SAFE_INTEGER` and the {@link ID_FIELDS} come back as strings.
 *
 * @example
 * ```ts
 * parseJson('{"msg_id":6054768590064713728,"count":2}'); // { msg_id: '6054768590064713728', count: 2 }
 * ```
 */
export function parseJson(text: string): unknown {
  const quoted = text.replace(TOKENS, (token) => {
    if (token.startsWith('"') || /[.eE]/.test(token)) return token;
    return Number.isSafeInteger(Number(token)) ? token : `"${token}"`;
  });
  return JSON.parse(quoted, (key, value: unknown) =>
    ID_FIELDS.has(key) && typeof value === 'number' ? String(value) : value,
  ) as unknown;
}

/**
 * Serialises a request body as real UTF-8 JSON (no `\uXXXX` escapes, which WeChat would store verbatim), writing the
 * named fields as bare JSON integers when the caller passed them as digit strings.
 *
 * @example
 * ```ts
 * stringifyJson({ msg_id: '6054768590064713728' }, ['msg_id']); // '{"msg_id":6054768590064713728}'
 * ```
 */
export function stringifyJson(body: unknown, integerFields: readonly string[] = []): string {
  const text = JSON.stringify(body ?? {});
  if (integerFields.length === 0) return text;
  // `"name":"123"` can only match a real key: inside a JSON string the quotes would be escaped as `\"`.
  const fields = integerFields.map((f) => f.replace(/\W/g, '')).join('|');
  return text.replace(new RegExp(`"(${fields})":"(-?\\d+)"`, 'g'), '"$1":$2');
}

/**
 * Whether a response's content type announces JSON. WeChat labels some JSON error answers of binary endpoints
 * `text/plain`, so that counts too.
 *
 * @example
 * ```ts
 * isJsonContentType('text/plain; charset=utf-8'); // true
 * isJsonContentType('image/jpeg'); // false
 * ```
 */
export function isJsonContentType(contentType: string | null | undefined): boolean {
  if (!contentType) return true; // WeChat's JSON answers sometimes carry no content type at all
  return /\bjson\b|^text\/plain\b/i.test(contentType);
}
