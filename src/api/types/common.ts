/**
 * Shapes shared by every endpoint: the error fields, 64-bit ids, file uploads and file downloads.
 * @module
 */

/**
 * Fields every WeChat JSON answer may carry; `errcode` is absent or 0 on success (errors become `WeChatApiError`).
 */
export interface BaseResponse {
  errcode?: number;
  errmsg?: string;
}

/**
 * A 64-bit id (`msg_id`, `msgid`, `msg_data_id`, `publish_id`), always a decimal string so it never loses precision.
 */
export type Id64 = string;

/**
 * A file to upload as the multipart field `media`.
 */
export interface UploadFile {
  /** The bytes. */
  data: Blob | Uint8Array | ArrayBuffer;
  /** File name sent to WeChat; its extension decides the format WeChat assumes. */
  filename: string;
  /** MIME type; guessed from the extension when omitted. */
  contentType?: string;
}

/**
 * A downloaded file, streamed: read `body` once (e.g. `Readable.fromWeb(file.body).pipe(out)`).
 *
 * @example
 * ```ts
 * import { createWriteStream } from 'node:fs';
 * import { pipeline } from 'node:stream/promises';
 * const res = await client.media.get('MEDIA_ID');
 * if (isFileResponse(res)) await pipeline(res.body, createWriteStream('voice.amr'));
 * ```
 */
export interface FileResponse {
  /** The file's bytes as they arrive. */
  body: ReadableStream<Uint8Array>;
  /** The content type WeChat sent, e.g. `image/jpeg`. */
  contentType: string;
  /** The file name from `Content-Disposition`, when WeChat sent one. */
  filename: string | undefined;
  /** `Content-Length`, when known. */
  contentLength: number | undefined;
}

/**
 * Tells a streamed file apart from a JSON answer of the endpoints that return either.
 *
 * @example
 * ```ts
 * const res = await client.material.get('MEDIA_ID');
 * if (isFileResponse(res)) console.log(res.contentType); else console.log(res);
 * ```
 */
export function isFileResponse(value: unknown): value is FileResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { body?: unknown }).body instanceof ReadableStream
  );
}

/**
 * A page of openids, as returned by user/get, user/tag/get and getblacklist.
 *
 * @example
 * ```ts
 * const page: OpenidPage = await client.user.list();
 * console.log(page.data?.openid ?? []);
 * ```
 */
export interface OpenidPage extends BaseResponse {
  /** Total count (absent on user/tag/get). */
  total?: number;
  /** Openids in this page. */
  count: number;
  /** Absent when the page is empty. */
  data?: { openid: string[] };
  /** Pass back to get the next page; empty (or equal to the last id) at the end. */
  next_openid: string;
}

/**
 * One row of the endpoint types: what an endpoint takes (`undefined` for nothing) and what it answers.
 */
export interface Io<Req, Res> {
  request: Req;
  response: Res;
}
