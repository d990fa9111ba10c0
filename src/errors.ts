/**
 * One error base for everything wxmp throws, with a stable machine-readable `code`.
 *
 * Messages say what went wrong and how to fix it; they never contain a Token, EncodingAESKey, AppSecret or
 * access_token.
 *
 * @example
 * ```ts
 * try { await client.menu.get(); }
 * catch (err) { if (err instanceof WeChatApiError && err.errcode === 46003) console.log('no menu yet'); }
 * ```
 * @module
 */

/**
 * Stable codes; switch on these, not on messages. Every code here is thrown somewhere in `src/` (a unit test checks).
 * The webhook answers the push refusals among them with an HTTP status (`src/webhook/refusal.ts`).
 *
 * @example
 * ```ts
 * try { await client.menu.get(); }
 * catch (err) { if (err instanceof WeChatError && err.code === 'TOKEN_UNAVAILABLE') console.log('no access_token'); }
 * ```
 */
export type WeChatErrorCode =
  /** An option or environment variable is missing or wrong (a Token, an AppID, an EncodingAESKey, …). */
  | 'CONFIG_INVALID'
  /** A request to WeChat breaks one of WeChat's rules and was not sent (a menu too long, a bad QR scene). */
  | 'REQUEST_INVALID'
  /** A push's `signature` or `msg_signature`, or a reply envelope's MsgSignature, is missing or wrong. */
  | 'SIGNATURE_INVALID'
  /** A push's `timestamp` is missing, malformed, or farther from the server clock than the window allows. */
  | 'TIMESTAMP_OUT_OF_WINDOW'
  /** A push's body is larger than the webhook's `maxBodyBytes`. */
  | 'BODY_TOO_LARGE'
  /** A push's `nonce` is not what WeChat sends (letters and digits, at most 32), so it is never echoed. */
  | 'NONCE_INVALID'
  /** A push that does not match the configured message mode (say, a plain push to a safe-mode webhook). */
  | 'MESSAGE_MODE_MISMATCH'
  /** A signed query seen before, with a different body: a replay with a forged body (WeChat's retry repeats it). */
  | 'SIGNATURE_REPLAYED'
  /** A request used an HTTP method the webhook does not answer (only GET, HEAD and POST). */
  | 'METHOD_NOT_ALLOWED'
  /** A URL verification (GET) came without an `echostr` to echo. */
  | 'ECHOSTR_MISSING'
  /** A push in safe mode arrived at a webhook configured without an EncodingAESKey. */
  | 'ENCODING_AES_KEY_MISSING'
  /** XML that is truncated, mismatched or otherwise not well-formed, or that is not a WeChat message. */
  | 'XML_MALFORMED'
  /** XML with a DOCTYPE or an entity declaration, refused rather than expanded. */
  | 'XML_FORBIDDEN'
  /** An `Encrypt` text that is missing, not base64, too short or badly padded (a wrong EncodingAESKey?). */
  | 'ENCRYPT_INVALID'
  /** An encrypted message that decrypts but belongs to another AppID. */
  | 'APPID_MISMATCH'
  /** A passive reply WeChat would not accept (an empty text, too many news articles, …). */
  | 'REPLY_INVALID'
  /** WeChat's HTTP API answered with an `errcode` (see {@link WeChatApiError}). */
  | 'API_ERROR'
  /** WeChat (or a token server) could not be reached, or answered with something that is not its JSON. */
  | 'HTTP_ERROR'
  /** WeChat (or a token server) did not answer in time. */
  | 'TIMEOUT'
  /** No access_token (or ticket) could be had, or the token manager is closed. */
  | 'TOKEN_UNAVAILABLE'
  /** The token store (Redis) failed or did not answer in time. */
  | 'STORE_ERROR'
  /** A cap on calls was reached (token refreshes a minute, a proxy client's requests). */
  | 'RATE_LIMITED';

/** Options shared by every wxmp error. */
export interface WeChatErrorOptions {
  /** The underlying error, kept for debugging. */
  cause?: unknown;
  /** One sentence on how to fix it; appended to the message. */
  hint?: string;
}

/**
 * Base class of every error wxmp throws.
 *
 * @example
 * ```ts
 * throw new WeChatError('CONFIG_INVALID', 'WECHAT_TOKEN is missing', { hint: 'Set it to the Token of the console.' });
 * ```
 */
export class WeChatError extends Error {
  /** Stable code, safe to switch on. */
  readonly code: WeChatErrorCode;
  /** How to fix it, when known. */
  readonly hint: string | undefined;

  constructor(code: WeChatErrorCode, message: string, options: WeChatErrorOptions = {}) {
    super(options.hint ? `${message}. ${options.hint}` : message, { cause: options.cause });
    this.name = 'WeChatError';
    this.code = code;
    this.hint = options.hint;
  }
}

/**
 * An error answer from WeChat's HTTP API (`errcode != 0`).
 *
 * @example
 * ```ts
 * try {
 *   await client.menu.create({ button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }] });
 * } catch (err) {
 *   if (err instanceof WeChatApiError && err.errcode === 45009) await client.misc.clearQuota();
 * }
 * ```
 */
export class WeChatApiError extends WeChatError {
  /** WeChat's numeric error code, e.g. 40001. */
  readonly errcode: number;
  /** WeChat's message, with any access_token removed. */
  readonly errmsg: string;
  /** Request id from `errmsg` (`rid: …`), queryable for 7 days via `/cgi-bin/openapi/rid/get`. */
  readonly rid: string | undefined;
  /** The endpoint path, e.g. `/cgi-bin/menu/create` (never with its query string). */
  readonly endpoint: string;

  constructor(init: { errcode: number; errmsg: string; endpoint: string }, options: WeChatErrorOptions = {}) {
    const errmsg = redactSecrets(init.errmsg);
    super('API_ERROR', `WeChat API ${init.endpoint} failed with ${init.errcode}: ${errmsg}`, options);
    this.name = 'WeChatApiError';
    this.errcode = init.errcode;
    this.errmsg = errmsg;
    this.rid = /rid:\s*([\w-]+)/.exec(errmsg)?.[1];
    this.endpoint = init.endpoint;
  }
}

const SECRET_NAMES = 'access_token|secret|appsecret|refresh_token|ticket|encodingaeskey';
// A backslash ends a value too, so a URL inside escaped JSON keeps its closing `\"` intact.
const SECRET_QUERY = new RegExp(`((?:${SECRET_NAMES})=)[^&\\s"'\\\\]+`, 'gi');
// The same names as JSON string values (stable_token's `"secret"`, an echoed `"access_token"`).
const SECRET_JSON = new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');

/**
 * Removes secrets from a string: those that travel in URLs or messages (`access_token=…`, `secret=…`) and string
 * values of the same names in JSON text (`"secret":"…"`).
 *
 * @example
 * ```ts
 * redactSecrets('/cgi-bin/menu/get?access_token=abc'); // '/cgi-bin/menu/get?access_token=[redacted]'
 * redactSecrets('{"appid":"wx1","secret":"S"}'); // '{"appid":"wx1","secret":"[redacted]"}'
 * ```
 */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_QUERY, '$1[redacted]').replace(SECRET_JSON, '$1"[redacted]"');
}

/**
 * The message of anything thrown, for logs and one-line reports: an `Error`'s message, else the value as text.
 * It does not redact: pass the result through {@link redactSecrets} where it may quote a URL.
 *
 * @example
 * ```ts
 * try {
 *   await client.menu.get();
 * } catch (err) {
 *   logger.warn({ err: errorMessage(err) }, 'menu.get failed');
 * }
 * ```
 */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
