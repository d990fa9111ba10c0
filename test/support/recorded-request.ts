/**
 * A request as it reached the emulator, for tests whose subject is what a client sends (query, headers, the exact
 * body bytes, multipart fields) or when (the clock) and with what WeChat answered.
 */
import { endpointByPath } from '../../src/api/endpoints.js';
import type { EndpointName } from '../../src/api/endpoint-types.js';
import { isJsonContentType, parseJson } from '../../src/wechat-http/index.js';

/** A multipart file field. */
export interface RecordedFile {
  filename: string;
  type: string;
  size: number;
  bytes: Uint8Array;
}

/** One request the emulator received. */
export interface RecordedRequest {
  /** The endpoint of the table at this method and path, if any. */
  name: EndpointName | undefined;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The body as text (JSON requests); empty for multipart. */
  body: string;
  /** The body parsed as JSON, or `{}`. */
  json: Record<string, unknown>;
  /** Multipart fields: files as {@link RecordedFile}, others as strings. */
  form: Record<string, string | RecordedFile>;
  /** The emulator's clock when the request arrived (ms). */
  at: number;
  /** WeChat's JSON answer as sent (64-bit ids as bare integers), once it is known; undefined for files. */
  answerText: string | undefined;
  /** That answer parsed (64-bit ids as strings). */
  answer: Record<string, unknown> | undefined;
  /** Reads the answer into `answer` (a clone: the caller still reads the response). */
  readAnswer(response: Response): Promise<void>;
}

async function formOf(request: Request): Promise<RecordedRequest['form']> {
  const form: RecordedRequest['form'] = {};
  for (const [key, value] of await request.formData()) {
    form[key] =
      typeof value === 'string'
        ? value
        : {
            filename: value.name,
            type: value.type,
            size: value.size,
            bytes: new Uint8Array(await value.arrayBuffer()),
          };
  }
  return form;
}

function jsonOf(text: string): Record<string, unknown> {
  try {
    const parsed = parseJson(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Records `request` (reading a clone, so the emulator still gets the body) as it arrives at `at`.
 *
 * @example
 * ```ts
 * const recorded = await recordRequest(request, Date.now());
 * recorded.query['access_token'];
 * ```
 */
export async function recordRequest(request: Request, at: number): Promise<RecordedRequest> {
  const url = new URL(request.url);
  const copy = request.clone();
  const multipart = request.headers.get('content-type')?.startsWith('multipart/form-data') === true;
  const body = multipart ? '' : await copy.text();
  const recorded: RecordedRequest = {
    name: endpointByPath(request.method, url.pathname)?.name,
    method: request.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: Object.fromEntries(request.headers),
    body,
    json: jsonOf(body),
    form: multipart ? await formOf(copy) : {},
    at,
    answerText: undefined,
    answer: undefined,
    async readAnswer(response) {
      if (!isJsonContentType(response.headers.get('content-type'))) return;
      recorded.answerText = await response.clone().text();
      recorded.answer = jsonOf(recorded.answerText);
    },
  };
  return recorded;
}
