/**
 * File answers of the binary endpoints (`media/get`, `material/get_material`, …): told apart from their JSON errors
 * by content type, and handed on as a stream, for the API client and the API proxy.
 * @module
 */
import { isJsonContentType } from '../wechat-http/index.js';
import type { WireSpec } from './endpoints.js';
import type { FileResponse } from './types/common.js';

/**
 * Whether an answer is a file to stream: a binary endpoint answering 2xx with a non-JSON content type (its errors,
 * and media/get's video URL, come as JSON).
 *
 * @example
 * ```ts
 * import { endpoints } from './endpoints.js';
 * const response = await fetch('https://api.weixin.qq.com/cgi-bin/media/get?access_token=TOKEN&media_id=MEDIA_ID');
 * if (isFileAnswer(endpoints['media.get'], response)) console.log(toFileResponse(response).filename);
 * ```
 */
export function isFileAnswer(spec: WireSpec, response: Response): boolean {
  return spec.response !== 'json' && response.ok && !isJsonContentType(response.headers.get('content-type'));
}

/**
 * Wraps a file answer for streaming; the file name comes from `Content-Disposition`.
 *
 * @example
 * ```ts
 * const response = new Response('…', { headers: { 'content-disposition': 'attachment; filename="a.jpg"' } });
 * toFileResponse(response).filename; // 'a.jpg'
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
