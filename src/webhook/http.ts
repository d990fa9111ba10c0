/**
 * The framework-free request and response the webhook core works on; adapters translate to and from these.
 * @module
 */

/** An incoming HTTP request, as any framework can supply it. */
export interface WebhookRequest {
  /** `GET`, `POST`, … */
  method: string;
  /** Path and query, e.g. `/wx?signature=…&timestamp=…` (a full URL works too). */
  url: string;
  /** The raw body; `undefined` for GET. Adapters enforce the size limit while reading. */
  body?: string | Uint8Array | undefined;
}

/** The answer to send back. */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' };
const XML = { 'content-type': 'application/xml; charset=utf-8' };

/**
 * A plain-text response.
 *
 * @example
 * ```ts
 * textResponse(401, 'invalid signature');
 * ```
 */
export function textResponse(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): WebhookResponse {
  return { status, headers: { ...TEXT, ...headers }, body };
}

/**
 * The 413 an adapter answers when it stops reading a body past the limit. `connection: close` ends the socket once
 * the answer is out, so a sender cannot keep it busy with the rest of an endless body. Servers that own the
 * connection may drop the header (HTTP/2 has none; see docs/adapters.md).
 *
 * @example
 * ```ts
 * if (body === undefined) return tooLarge(webhook.maxBodyBytes); // 413 body exceeds 1048576 bytes
 * ```
 */
export function tooLarge(limit: number): WebhookResponse {
  return textResponse(413, `body exceeds ${limit} bytes`, { connection: 'close' });
}

/**
 * An XML response.
 *
 * @example
 * ```ts
 * xmlResponse('<xml>…</xml>');
 * ```
 */
export function xmlResponse(body: string): WebhookResponse {
  return { status: 200, headers: XML, body };
}

/**
 * Reads the query string of a path or URL into a plain object (first value wins).
 *
 * @example
 * ```ts
 * queryOf('/wx?signature=a&nonce=b'); // { signature: 'a', nonce: 'b' }
 * ```
 */
export function queryOf(url: string): Record<string, string> {
  const q = url.indexOf('?');
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (q < 0) return out;
  const hash = url.indexOf('#', q);
  const search = url.slice(q + 1, hash < 0 ? undefined : hash);
  if (!NOT_LITERAL.test(search)) return splitQuery(search, out);
  for (const [key, value] of new URLSearchParams(search)) {
    if (!(key in out)) out[key] = value;
  }
  return out;
}

/**
 * Anything URLSearchParams would decode or that is not printable ASCII: `%` (escapes), `+` (spaces), space,
 * controls, non-ASCII. WeChat's queries (hex signatures, digits, openids, `aes`) contain none.
 */
const NOT_LITERAL = /[^!-$&-*,-~]/;

/**
 * URLSearchParams' splitting, for a query with nothing to decode: a leading `?` dropped, `&`-separated pairs, empty
 * ones skipped, split at the first `=`, first value wins. Hot path: on a plain-mode push's query, URLSearchParams
 * took 1.40 µs and this (with the NOT_LITERAL test) 0.85 µs; most of the rest is filling the null-prototype object.
 */
function splitQuery(search: string, out: Record<string, string>): Record<string, string> {
  let start = search.charCodeAt(0) === 0x3f ? 1 : 0;
  while (start <= search.length) {
    let end = search.indexOf('&', start);
    if (end < 0) end = search.length;
    if (end > start) {
      const eq = search.indexOf('=', start);
      const key = eq < 0 || eq > end ? search.slice(start, end) : search.slice(start, eq);
      if (!(key in out)) out[key] = eq < 0 || eq > end ? '' : search.slice(eq + 1, end);
    }
    start = end + 1;
  }
  return out;
}
