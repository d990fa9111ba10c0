/**
 * How a row of the endpoint table is written: the defaults of a GET and a POST, and the documentation's roots. The
 * rows themselves live beside this file, one file per area of WeChat's service-account index.
 * @module
 */
import type { EndpointName } from '../endpoint-types.js';
import type { EndpointSpec } from '../endpoints.js';

/**
 * One row of the table, before `endpoints` adds its name.
 */
export type Row = Omit<EndpointSpec, 'name'>;

type Extra = Partial<Omit<Row, 'method' | 'path' | 'doc'>>;

/**
 * WeChat's per-endpoint pages for service accounts: each carries its endpoint's own error codes.
 *
 * @example
 * ```ts
 * const doc = `${API_DOC}wedata/user/api_getusersummary.html`;
 * ```
 */
export const API_DOC = 'https://developers.weixin.qq.com/doc/service/api/';

/**
 * A GET row: the global token, no body, JSON back; a read, so idempotent; forwarded by the proxy.
 *
 * @example
 * ```ts
 * const row = get('/cgi-bin/user/info', `${API_DOC}usermanage/userinfo/api_userinfo.html`, { request: 'query' });
 * ```
 */
export const get = (path: string, doc: string, extra: Extra = {}): Row => ({
  method: 'GET',
  path,
  auth: 'access_token',
  request: 'none',
  response: 'json',
  idempotent: true,
  proxied: true,
  doc,
  ...extra,
});

/**
 * A POST row: a JSON body; not idempotent unless stated (spread {@link read}).
 *
 * @example
 * ```ts
 * const row = post('/cgi-bin/tags/delete', `${API_DOC}usermanage/tag/api_deletetag.html`, read);
 * ```
 */
export const post = (path: string, doc: string, extra: Extra = {}): Row => ({
  ...get(path, doc),
  method: 'POST',
  request: 'json',
  idempotent: false,
  ...extra,
});

/**
 * The extra of a POST that changes nothing more when repeated (a read, a delete, an update).
 *
 * @example
 * ```ts
 * const row = post('/cgi-bin/comment/list', `${API_DOC}leaving/api_listcomment.html`, read);
 * ```
 */
export const read = { idempotent: true } as const;

/**
 * The rows of the endpoints whose names start with one of the prefixes `G`, e.g. `RowsOf<'menu'>`; a rows file
 * declares its rows with `satisfies RowsOf<…>`, so a missing or misspelt name is a type error there.
 *
 * @example
 * ```ts
 * const shortKeyRows = {
 *   'shortKey.generate': post('/cgi-bin/shorten/gen', `${API_DOC}qrcode/shorten/api_genshortkey.html`),
 *   'shortKey.fetch': post('/cgi-bin/shorten/fetch', `${API_DOC}qrcode/shorten/api_fetchshorten.html`, read),
 * } satisfies RowsOf<'shortKey'>;
 * ```
 */
export type RowsOf<G extends string> = { readonly [N in Extract<EndpointName, `${G}.${string}`>]: Row };
