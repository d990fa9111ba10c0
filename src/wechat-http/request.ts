/**
 * Turns a typed request into WeChat's wire format, as the endpoint table says: which fields go to the query
 * string, which credentials are added, and how the body is encoded (JSON as real UTF-8, a multipart form, or one
 * field sent as the raw body: audio bytes, UTF-8 text).
 * @module
 */
import { WeChatError } from '../errors.js';
import type { WireSpec } from '../api/endpoints.js';
import type { UploadFile } from '../api/types/common.js';
import { stringifyJson } from './json.js';

/**
 * What a call needs beyond its request: the global token (for `access_token` endpoints) and the app's credentials.
 */
export interface CallAuth {
  token: string | undefined;
  appId: string | undefined;
  appSecret: string | undefined;
}

/**
 * The HTTP request for one attempt.
 *
 * @example
 * ```ts
 * import { endpoints } from 'wxmp/api';
 * const auth = { token: 'ACCESS_TOKEN', appId: undefined, appSecret: undefined };
 * const { url, init }: WireRequest = buildRequest('https://api.weixin.qq.com', endpoints['menu.get'], undefined, auth);
 * await fetch(url, init);
 * ```
 */
export interface WireRequest {
  url: string;
  init: RequestInit;
}

/**
 * Builds the URL and body of a call.
 *
 * @example
 * ```ts
 * import { endpoints } from 'wxmp/api';
 * const auth = { token: 'ACCESS_TOKEN', appId: undefined, appSecret: undefined };
 * buildRequest('https://api.weixin.qq.com', endpoints['user.info'], { openid: 'O' }, auth).url;
 * // 'https://api.weixin.qq.com/cgi-bin/user/info?access_token=ACCESS_TOKEN&openid=O'
 * ```
 */
export function buildRequest(apiBase: string, spec: WireSpec, request: unknown, auth: CallAuth): WireRequest {
  const fields = request && typeof request === 'object' ? { ...(request as Record<string, unknown>) } : {};
  const query = new URLSearchParams(authParams(spec, auth));
  // A JSON body carries the credentials and fixed fields itself (stable_token takes them only there); like the
  // query's, they override whatever the caller put under the same names.
  if (spec.request === 'json') Object.assign(fields, spec.fixedBody, credentialsFor(spec, auth));

  // A raw body takes one field; every other field of the request is a query parameter.
  const rawField = spec.request === 'raw' ? rawFieldOf(spec) : undefined;
  const rawValue = rawField === undefined ? undefined : fields[rawField];
  if (rawField !== undefined) delete fields[rawField];
  const queryKeys =
    spec.request === 'query' || spec.request === 'raw' ? Object.keys(fields) : (spec.query ?? []);
  for (const key of queryKeys) {
    const value = fields[key];
    delete fields[key];
    // A caller's own access_token or credentials never replace the ones the table says we add.
    if (value === undefined || value === null || query.has(key)) continue;
    query.set(key, toText(value));
  }
  // Where WeChat's page and the other SDKs disagree on query or body, the field goes both ways (`echoQuery`).
  for (const key of spec.echoQuery ?? []) {
    const value = fields[key];
    if (value !== undefined && value !== null && !query.has(key)) query.set(key, toText(value));
  }

  const search = query.toString();
  const url = `${apiBase.replace(/\/+$/, '')}${spec.path}${search ? `?${search}` : ''}`;
  const init: RequestInit = { method: spec.method };
  if (spec.request === 'json') {
    init.body = stringifyJson(fields, spec.integerFields);
    init.headers = { 'content-type': 'application/json' };
  } else if (spec.request === 'multipart') {
    init.body = buildForm(fields);
  } else if (spec.request === 'raw') {
    const { body, contentType } = rawBodyOf(spec, rawValue);
    init.body = body;
    init.headers = { 'content-type': contentType };
  }
  return { url, init };
}

function rawFieldOf(spec: WireSpec): string {
  if (spec.rawBody) return spec.rawBody.field;
  throw new WeChatError('CONFIG_INVALID', `${spec.name} (${spec.path}) is a raw request without rawBody`, {
    hint: 'Name the field that is the body: rawBody: { field, contentType }',
  });
}

/** The bytes of a raw body and their content type: text as UTF-8, bytes as they are, a Blob or file with its type. */
function rawBodyOf(spec: WireSpec, value: unknown): { body: BodyInit; contentType: string } {
  const fallback = spec.rawBody?.contentType ?? 'application/octet-stream';
  if (typeof value === 'string') return { body: value, contentType: fallback };
  if (value instanceof Blob) return { body: value, contentType: value.type || fallback };
  if (value instanceof Uint8Array || value instanceof ArrayBuffer)
    return { body: new Blob([value as BlobPart]), contentType: fallback };
  if (isUploadFile(value)) {
    const blob = toBlob(value);
    return { body: blob, contentType: blob.type === 'application/octet-stream' ? fallback : blob.type };
  }
  throw new WeChatError(
    'REQUEST_INVALID',
    `${spec.name} (${spec.path}) sends "${spec.rawBody?.field ?? 'body'}" as its body: give text or bytes`,
    { hint: 'Pass a string, a Uint8Array/Buffer, an ArrayBuffer or a Blob' },
  );
}

/**
 * The query parameters the table says a call carries besides its own fields: the global token, fixed parameters
 * (`grant_type`) and, unless the body is JSON, the AppID and AppSecret.
 *
 * @example
 * ```ts
 * import { endpoints } from 'wxmp/api';
 * authParams(endpoints['oauth.accessToken'], { token: undefined, appId: 'wx1234567890abcdef', appSecret: 'S' });
 * // { grant_type: 'authorization_code', appid: 'wx1234567890abcdef', secret: 'S' }
 * ```
 */
export function authParams(spec: WireSpec, auth: CallAuth): Record<string, string> {
  return {
    ...(spec.auth === 'access_token'
      ? { access_token: requireValue(auth.token, spec, 'an access_token') }
      : {}),
    ...spec.fixedQuery,
    ...(spec.request === 'json' ? {} : credentialsFor(spec, auth)),
  };
}

function credentialsFor(spec: WireSpec, auth: CallAuth): Record<string, string> {
  if (spec.auth === 'appid') return { appid: requireValue(auth.appId, spec, 'the AppID (appId)') };
  if (spec.auth !== 'appid+secret') return {};
  return {
    appid: requireValue(auth.appId, spec, 'the AppID (appId)'),
    [spec.secretParam ?? 'secret']: requireValue(auth.appSecret, spec, 'the AppSecret (appSecret)'),
  };
}

function requireValue(value: string | undefined, spec: WireSpec, what: string): string {
  if (value) return value;
  throw new WeChatError('CONFIG_INVALID', `${spec.name} (${spec.path}) needs ${what}`, {
    hint: 'Pass appId and appSecret to createApiClient or createTokenManager (WECHAT_APPID and WECHAT_APPSECRET for the CLI)',
  });
}

function buildForm(fields: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (isUploadFile(value)) form.append(key, toBlob(value), value.filename);
    else form.append(key, toText(value));
  }
  return form;
}

// Structured fields (such as the video `description` of a multipart upload) travel as JSON text.
function toText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return value.toString();
    default:
      return stringifyJson(value);
  }
}

function isUploadFile(value: unknown): value is UploadFile {
  return typeof value === 'object' && value !== null && 'data' in value && 'filename' in value;
}

function toBlob(file: UploadFile): Blob {
  const type = file.contentType ?? guessContentType(file.filename);
  return new Blob([file.data as BlobPart], { type });
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  amr: 'audio/amr',
  mp3: 'audio/mpeg',
  wma: 'audio/x-ms-wma',
  wav: 'audio/wav',
  speex: 'audio/speex',
  mp4: 'video/mp4',
};

/**
 * The content type WeChat expects for a file name, from its extension (`application/octet-stream` if unknown).
 *
 * @example
 * ```ts
 * guessContentType('voice.amr'); // 'audio/amr'
 * ```
 */
export function guessContentType(filename: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}
