/**
 * The escape hatch for an endpoint the table does not hold (a new WeChat API, a mini-program path the account may
 * call): describe it once with its request and response types, and `client.request(endpoint, body)` sends it with
 * the same wire rules, retries and errors as every table endpoint. A path of the table is refused: it has a name.
 * @module
 */
import { WeChatError } from '../errors.js';
import {
  endpointByPath,
  type AuthKind,
  type RawBody,
  type RequestKind,
  type ResponseKind,
  type WireSpec,
} from './endpoints.js';

declare const endpointTypes: unique symbol;

/**
 * An endpoint outside the table, carrying its request and response types (never a value at run time).
 *
 * @example
 * ```ts
 * const scheme: CustomEndpoint<{ jump_wxa: { path: string } }, { openlink: string }> = defineEndpoint({
 *   method: 'POST',
 *   path: '/wxa/generatescheme',
 * });
 * const { openlink } = await client.request(scheme, { jump_wxa: { path: 'pages/index' } });
 * ```
 */
export interface CustomEndpoint<Req = undefined, Res = unknown> extends WireSpec {
  readonly [endpointTypes]?: { request: Req; response: Res };
}

/**
 * How to call an endpoint outside the table; unset fields take the table's defaults (the global token; a GET's
 * fields in the query, a POST's in a JSON body; JSON back; never retried after an unknown outcome).
 *
 * @example
 * ```ts
 * const options: CustomEndpointOptions = { method: 'GET', path: '/cgi-bin/some/new/read', idempotent: true };
 * const read = defineEndpoint<undefined, { items: string[] }>(options);
 * const { items } = await client.request(read);
 * ```
 */
export interface CustomEndpointOptions {
  method: 'GET' | 'POST';
  /** The path on the API origin, without a query string, e.g. `/wxa/generatescheme`. */
  path: string;
  auth?: AuthKind;
  request?: RequestKind;
  response?: ResponseKind;
  /** Fields that travel in the query string although the body is JSON or multipart. */
  query?: readonly string[];
  /** For `request: 'raw'`: the field sent as the whole body, and its content type. */
  rawBody?: RawBody;
  /** 64-bit id fields WeChat wants as bare JSON integers. */
  integerFields?: readonly string[];
  /** Repeating the call changes nothing more, so it may be retried after a network failure or `-1`. */
  idempotent?: boolean;
  /** Its documentation page, for your readers and log lines. */
  doc?: string;
}

const PATH = /^\/[A-Za-z0-9_\-./]+$/;

/**
 * Describes an endpoint outside the table with its request (`Req`, `undefined` when it takes nothing) and response
 * (`Res`) types; `client.request` then types the call without casts. Throws `CONFIG_INVALID` for a malformed path
 * and for a path of the table (call it by its name instead).
 *
 * @example
 * ```ts
 * const generateScheme = defineEndpoint<{ jump_wxa: { path: string } }, { openlink: string }>({
 *   method: 'POST',
 *   path: '/wxa/generatescheme',
 * });
 * const { openlink } = await client.request(generateScheme, { jump_wxa: { path: 'pages/index' } });
 * ```
 */
export function defineEndpoint<Req = undefined, Res = unknown>(
  options: CustomEndpointOptions,
): CustomEndpoint<Req, Res> {
  const { method, path } = options;
  if (!PATH.test(path) || path.includes('..') || path.includes('//'))
    throw new WeChatError('CONFIG_INVALID', `"${path}" is not an API path`, {
      hint: 'Give the path alone, starting with "/", e.g. /wxa/generatescheme (no origin, no query string)',
    });
  const known = endpointByPath(method, path);
  if (known)
    throw new WeChatError('CONFIG_INVALID', `${method} ${path} is ${known.name} of the endpoint table`, {
      hint: `Call it by its name: client.call('${known.name}', …), typed by the table`,
    });
  return Object.freeze({
    name: `custom:${method} ${path}`,
    method,
    path,
    auth: options.auth ?? 'access_token',
    request: options.request ?? (method === 'GET' ? 'query' : 'json'),
    response: options.response ?? 'json',
    ...(options.query ? { query: options.query } : {}),
    ...(options.rawBody ? { rawBody: options.rawBody } : {}),
    ...(options.integerFields ? { integerFields: options.integerFields } : {}),
    idempotent: options.idempotent ?? false,
    proxied: false,
    doc: options.doc ?? '',
  });
}
