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
 * import { readRequestBody } from 'wxmp/adapters/fetch';
 * const request = new Request('https://example.com/wx', { method: 'POST', body: 'x'.repeat(2_000_000) });
 * const body = await readRequestBody(request, webhook.maxBodyBytes);
 * if (body === undefined) tooLarge(webhook.maxBodyBytes); // 413 body exceeds 131072 bytes (the default limit)
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

/** The query parameters WeChat sends with a push or a URL verification: the only ones the webhook reads. */
export interface PushQuery {
  signature: string | undefined;
  timestamp: string | undefined;
  nonce: string | undefined;
  openid: string | undefined;
  encrypt_type: string | undefined;
  msg_signature: string | undefined;
  echostr: string | undefined;
}

/**
 * Reads WeChat's parameters from the query string of a path or URL (first value wins; other parameters are
 * ignored).
 *
 * @example
 * ```ts
 * queryOf('/wx?signature=a&nonce=b').nonce; // 'b'
 * ```
 */
export function queryOf(url: string): PushQuery {
  // One fixed shape: the handler's reads are plain property loads, not dictionary lookups.
  const query: PushQuery = {
    signature: undefined,
    timestamp: undefined,
    nonce: undefined,
    openid: undefined,
    encrypt_type: undefined,
    msg_signature: undefined,
    echostr: undefined,
  };
  const q = url.indexOf('?');
  if (q < 0) return query;
  const hash = url.indexOf('#', q);
  const search = url.slice(q + 1, hash < 0 ? undefined : hash);
  if (NOT_LITERAL.test(search)) {
    for (const [key, value] of new URLSearchParams(search)) setParam(query, key, value);
    return query;
  }
  splitQuery(search, query);
  return query;
}

/**
 * Anything URLSearchParams would decode or that is not printable ASCII: `%` (escapes), `+` (spaces), space,
 * controls, non-ASCII. WeChat's queries (hex signatures, digits, openids, `aes`) contain none.
 */
const NOT_LITERAL = /[^!-$&-*,-~]/;

/**
 * URLSearchParams' splitting, for a query with nothing to decode: a leading `?` dropped, `&`-separated pairs, empty
 * ones skipped, split at the first `=`. Hot path: on a plain-mode push's query, `queryOf` took 1.40 µs with
 * URLSearchParams into a null-prototype object, 0.96 µs splitting by hand into it (each key hashed for the
 * dictionary), and 0.36 µs into this fixed shape (Node 20, AMD EPYC).
 */
function splitQuery(search: string, query: PushQuery): void {
  let start = search.charCodeAt(0) === 0x3f ? 1 : 0;
  while (start <= search.length) {
    let end = search.indexOf('&', start);
    if (end < 0) end = search.length;
    if (end > start) {
      const eq = search.indexOf('=', start);
      if (eq < 0 || eq > end) setParam(query, search.slice(start, end), '');
      else setParam(query, search.slice(start, eq), search.slice(eq + 1, end));
    }
    start = end + 1;
  }
}

/** Keeps the first value of each of WeChat's parameters; a string switch compares, it does not hash. */
function setParam(query: PushQuery, key: string, value: string): void {
  switch (key) {
    case 'signature':
      query.signature ??= value;
      break;
    case 'timestamp':
      query.timestamp ??= value;
      break;
    case 'nonce':
      query.nonce ??= value;
      break;
    case 'openid':
      query.openid ??= value;
      break;
    case 'encrypt_type':
      query.encrypt_type ??= value;
      break;
    case 'msg_signature':
      query.msg_signature ??= value;
      break;
    case 'echostr':
      query.echostr ??= value;
      break;
  }
}
