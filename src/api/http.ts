/**
 * One HTTP exchange with WeChat under a deadline, shared by the API client and the API proxy. Failures without an
 * answer become `WeChatError` `TIMEOUT` or `HTTP_ERROR`, which the retry rules treat as "no answer".
 * @module
 */
import { errorMessage, redactSecrets, WeChatError } from '../errors.js';
import type { EndpointSpec } from './endpoints.js';
import { isJsonContentType, parseJson } from './json.js';
import type { FileResponse } from './types/common.js';

/**
 * An answer whose headers have arrived; the deadline keeps running until `settle()`.
 *
 * @example
 * ```ts
 * const fetched = await fetchWithDeadline(fetch, url, { method: 'GET' }, 10_000, '/cgi-bin/menu/get');
 * const text = await readText(fetched, '/cgi-bin/menu/get');
 * ```
 */
export interface Fetched {
  response: Response;
  /** The deadline's signal; it also aborts a body still being read. */
  signal: AbortSignal;
  timeoutMs: number;
  /** Stops the deadline (once the body is read, or handed on to be streamed by someone else). */
  settle(): void;
}

/**
 * Sends one request with a deadline covering the headers and, until `settle()`, the body.
 *
 * We use our own timer rather than `AbortSignal.timeout()` because a streamed download is read later by the
 * caller, at the caller's pace; its deadline must stop once the headers are in.
 *
 * @example
 * ```ts
 * const { response, settle } = await fetchWithDeadline(fetch, url, init, 10_000, '/cgi-bin/media/get');
 * settle();
 * ```
 */
export async function fetchWithDeadline(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  endpoint: string,
): Promise<Fetched> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const settle = () => clearTimeout(timer);
  try {
    const response = await fetchFn(url, { ...init, signal: controller.signal });
    return { response, signal: controller.signal, timeoutMs, settle };
  } catch (err) {
    settle();
    throw noAnswer(err, controller.signal, timeoutMs, endpoint);
  }
}

/**
 * Reads the whole body as text within the deadline, then settles it.
 *
 * @example
 * ```ts
 * const text = await readText(fetched, '/cgi-bin/menu/get');
 * ```
 */
export async function readText(fetched: Fetched, endpoint: string): Promise<string> {
  try {
    return await fetched.response.text();
  } catch (err) {
    throw noAnswer(err, fetched.signal, fetched.timeoutMs, endpoint);
  } finally {
    fetched.settle();
  }
}

/**
 * Parses a JSON answer, or reports a body that is not JSON (an HTML error page of a gateway, say) as `HTTP_ERROR`.
 *
 * @example
 * ```ts
 * const data = parseAnswer('{"errcode":0}', 200, '/cgi-bin/menu/create');
 * ```
 */
export function parseAnswer(text: string, status: number, endpoint: string): unknown {
  try {
    return parseJson(text);
  } catch {
    throw new WeChatError(
      'HTTP_ERROR',
      `WeChat API ${endpoint} answered HTTP ${status} with a body that is not JSON`,
      {
        hint: 'Check WECHAT_API_BASE: it must point at https://api.weixin.qq.com or a compatible server',
      },
    );
  }
}

/**
 * WeChat's `errcode` of a parsed answer; success answers often omit it, which counts as 0.
 *
 * @example
 * ```ts
 * errcodeOf({ errcode: 45009, errmsg: 'reach max api daily quota limit' }); // 45009
 * errcodeOf({ menu: {} }); // 0
 * ```
 */
export function errcodeOf(data: unknown): number {
  const errcode =
    typeof data === 'object' && data !== null ? (data as { errcode?: unknown }).errcode : undefined;
  return typeof errcode === 'number' ? errcode : typeof errcode === 'string' ? Number(errcode) || 0 : 0;
}

/**
 * WeChat's `errmsg` of a parsed answer, or `''`.
 *
 * @example
 * ```ts
 * errmsgOf({ errcode: 46003, errmsg: 'menu no exist' }); // 'menu no exist'
 * ```
 */
export function errmsgOf(data: unknown): string {
  const errmsg =
    typeof data === 'object' && data !== null ? (data as { errmsg?: unknown }).errmsg : undefined;
  return typeof errmsg === 'string' ? errmsg : '';
}

/**
 * Whether an answer is a file to stream: a binary endpoint answering 2xx with a non-JSON content type (its errors,
 * and media/get's video URL, come as JSON).
 *
 * @example
 * ```ts
 * if (isFileAnswer(endpoints['media.get'], response)) return toFileResponse(response);
 * ```
 */
export function isFileAnswer(spec: EndpointSpec, response: Response): boolean {
  return spec.response !== 'json' && response.ok && !isJsonContentType(response.headers.get('content-type'));
}

/**
 * Wraps a file answer for streaming; the file name comes from `Content-Disposition`.
 *
 * @example
 * ```ts
 * const file = toFileResponse(response);
 * ```
 */
export function toFileResponse(response: Response): FileResponse {
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const length = Number(response.headers.get('content-length') ?? NaN);
  return {
    body: response.body ?? new Blob([]).stream(),
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    filename: filename === undefined ? undefined : safeDecode(filename),
    contentLength: Number.isFinite(length) ? length : undefined,
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function noAnswer(err: unknown, signal: AbortSignal, timeoutMs: number, endpoint: string): WeChatError {
  if (err instanceof WeChatError) return err;
  // The cause keeps the error's kind and message, minus anything that looks like a secret in a URL.
  const cause = new Error(redactSecrets(errorMessage(err)));
  if (signal.aborted) {
    return new WeChatError('TIMEOUT', `WeChat API ${endpoint} did not answer within ${timeoutMs} ms`, {
      cause,
      hint: 'Check the network path to WECHAT_API_BASE, or raise timeoutMs',
    });
  }
  const detail = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return new WeChatError(
    'HTTP_ERROR',
    `WeChat API ${endpoint} could not be reached (${cause.message}${redactSecrets(detail)})`,
    {
      cause,
      hint: 'Check the network and WECHAT_API_BASE',
    },
  );
}
