/**
 * Refusals: the `WeChatError` codes a request can be refused with, and the HTTP answer to each, in one table. The
 * answer's text is the error's message (short, and never a secret); anything else thrown is a 500 `internal error`.
 * @module
 */
import { WeChatError, type WeChatErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import { textResponse, type WebhookResponse } from './http.js';
import type { RefusalLog } from './refusal-log.js';

/** The HTTP answer to one refusal code. */
interface RefusalAnswer {
  status: number;
  headers?: Record<string, string>;
}

/** The HTTP status (and any extra header) of each refusal; codes not listed are no refusal. */
const REFUSALS: Readonly<Partial<Record<WeChatErrorCode, RefusalAnswer>>> = {
  METHOD_NOT_ALLOWED: { status: 405, headers: { allow: 'GET, POST' } },
  BODY_TOO_LARGE: { status: 413 },
  TIMESTAMP_OUT_OF_WINDOW: { status: 401 },
  SIGNATURE_INVALID: { status: 401 },
  NONCE_INVALID: { status: 400 },
  MESSAGE_MODE_MISMATCH: { status: 401 },
  SIGNATURE_REPLAYED: { status: 401 },
  ECHOSTR_MISSING: { status: 400 },
  ENCRYPT_INVALID: { status: 400 },
  APPID_MISMATCH: { status: 400 },
  XML_MALFORMED: { status: 400 },
  XML_FORBIDDEN: { status: 400 },
  // The sender did nothing wrong: the webhook is configured without the key this push needs.
  ENCODING_AES_KEY_MISSING: { status: 500 },
};

/**
 * The answer to anything a request threw: a refusal's status and message (counted, and logged as a warning at most
 * once per reason per interval by `refusals`), else a 500 `internal error` (logged as an error, with the error).
 *
 * @example
 * ```ts
 * import { WeChatError, silentLogger } from 'wxmp';
 * import { RefusalLog } from './refusal-log.js';
 * const refusals = new RefusalLog({ logger: silentLogger, now: Date.now });
 * const refused = new WeChatError('SIGNATURE_INVALID', 'invalid signature');
 * refusalResponse(refused, 'POST', silentLogger, refusals); // { status: 401, body: 'invalid signature', … }
 * ```
 */
export function refusalResponse(
  err: unknown,
  method: string,
  logger: Logger,
  refusals: RefusalLog,
): WebhookResponse {
  const refusal = err instanceof WeChatError ? REFUSALS[err.code] : undefined;
  if (refusal) {
    const { code, message } = err as WeChatError;
    refusals.note(code, refusal.status, message, method);
    return textResponse(refusal.status, message, refusal.headers);
  }
  logger.error({ err, method }, 'webhook failed');
  return textResponse(500, 'internal error');
}
