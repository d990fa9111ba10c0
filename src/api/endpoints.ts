/**
 * The one table of WeChat's server APIs. The typed client builds its requests from it, the emulator serves its
 * paths, and the API proxy allows exactly these endpoints. Request and response types live in `endpoint-types.ts`.
 *
 * Endpoints that use neither the global token nor the user's token are rare and listed with their own `auth` kind,
 * so a reader of the table knows which credential each one needs without opening the docs.
 * @module
 */
import type { EndpointName } from './endpoint-types.js';
import { accountRows, toolRows } from './rows/account.js';
import { contentRows } from './rows/content.js';
import { aiRows, intelligenceRows } from './rows/intelligence.js';
import { customServiceRows, notificationRows } from './rows/messaging.js';
import type { Row } from './rows/row.js';
import { statisticsRows } from './rows/statistics.js';

/**
 * How a call authenticates: `access_token` — the global token in the query; `appid+secret` — the AppID and
 * AppSecret (in the query, or in the JSON body for JSON requests); `appid` — the AppID only; `user_token` — a
 * user's web-authorization token, passed by the caller as `access_token`; `none`.
 *
 * @example
 * ```ts
 * endpoints['oauth.accessToken'].auth; // 'appid+secret'
 * ```
 */
export type AuthKind = 'access_token' | 'appid+secret' | 'appid' | 'user_token' | 'none';

/**
 * Where the request's fields go: nowhere, the query string, a JSON body, a multipart form (file in `media`), or
 * `raw`: one field is the whole body (audio bytes, plain text; see {@link RawBody}) and the others go to the query.
 *
 * @example
 * ```ts
 * endpoints['media.upload'].request; // 'multipart'
 * endpoints['ai.translate'].request; // 'raw'
 * ```
 */
export type RequestKind = 'none' | 'query' | 'json' | 'multipart' | 'raw';

/**
 * The body of a `raw` request: which request field it is, and the content type sent when the value does not carry
 * its own (a `Blob`'s or an `UploadFile`'s type wins).
 *
 * @example
 * ```ts
 * endpoints['ai.submitVoice'].rawBody; // { field: 'voice', contentType: 'audio/mpeg' }
 * ```
 */
export interface RawBody {
  readonly field: string;
  readonly contentType: string;
}

/**
 * What comes back: JSON; a file (or a JSON error, told apart by content type); or a file that is JSON with a URL
 * for videos (media/get).
 *
 * @example
 * ```ts
 * endpoints['media.get'].response; // 'json-with-video-url'
 * ```
 */
export type ResponseKind = 'json' | 'binary-or-json' | 'json-with-video-url';

/**
 * How to call one endpoint, whatever its name: what the wire layer, the retry loop and the proxy read. Every row of
 * the table is one ({@link EndpointSpec}); `defineEndpoint` (`custom-endpoint.ts`) makes one for a path the table
 * does not hold.
 *
 * @example
 * ```ts
 * const spec: WireSpec = endpoints['menu.get'];
 * console.log(spec.method, spec.path, spec.idempotent); // GET /cgi-bin/menu/get true
 * ```
 */
export interface WireSpec {
  /** The table name, or `custom:METHOD /path` for an endpoint outside the table. */
  readonly name: string;
  readonly method: 'GET' | 'POST';
  /** Path on the API origin, without a query string. */
  readonly path: string;
  readonly auth: AuthKind;
  readonly request: RequestKind;
  readonly response: ResponseKind;
  /** Request fields that travel in the query string although the body is JSON or multipart. */
  readonly query?: readonly string[];
  /** For `raw` requests: the field that is the body (every other field travels in the query string). */
  readonly rawBody?: RawBody;
  /**
   * JSON body fields (credentials included) that are also sent in the query string, for endpoints whose page and the
   * other SDKs disagree on where the field goes (`kfaccount/del`, `clear_quota/v2`): each reading finds it.
   */
  readonly echoQuery?: readonly string[];
  /** Query parameters the endpoint always takes, e.g. `grant_type`. */
  readonly fixedQuery?: Readonly<Record<string, string>>;
  /** JSON body fields the endpoint always takes (stable_token's `grant_type`, which it reads only from the body). */
  readonly fixedBody?: Readonly<Record<string, string>>;
  /** Query name of the AppSecret for `appid+secret` endpoints; `secret` unless stated. */
  readonly secretParam?: string;
  /** Request fields WeChat wants as bare JSON integers although they are 64-bit ids (sent as strings by callers). */
  readonly integerFields?: readonly string[];
  /** Repeating the call has no further effect, so network failures and `-1` may be retried. */
  readonly idempotent: boolean;
  /** Whether the API proxy forwards it (not the token endpoints, nor AppSecret-based quota clearing). */
  readonly proxied: boolean;
  /** The official documentation page. */
  readonly doc: string;
}

/**
 * One row of the table.
 *
 * @example
 * ```ts
 * const spec: EndpointSpec = endpoints['menu.create'];
 * console.log(spec.method, spec.path); // POST /cgi-bin/menu/create
 * ```
 */
export interface EndpointSpec<N extends EndpointName = EndpointName> extends WireSpec {
  readonly name: N;
}

// The rows, one file per area of WeChat's service-account index (src/api/rows/); their spread must name every
// endpoint exactly once, which the mapped type checks.
const rows: { readonly [N in EndpointName]: Row } = {
  ...accountRows,
  ...toolRows,
  ...customServiceRows,
  ...notificationRows,
  ...contentRows,
  ...statisticsRows,
  ...intelligenceRows,
  ...aiRows,
};

/**
 * Every endpoint, keyed by name; plain frozen data, so the emulator and the proxy can iterate it.
 *
 * @example
 * ```ts
 * for (const spec of Object.values(endpoints)) console.log(spec.method, spec.path, spec.doc);
 * ```
 */
export const endpoints = Object.freeze(
  Object.fromEntries(Object.entries(rows).map(([name, row]) => [name, Object.freeze({ name, ...row })])) as {
    readonly [N in EndpointName]: EndpointSpec<N>;
  },
);

const byRoute = new Map(Object.values(endpoints).map((spec) => [`${spec.method} ${spec.path}`, spec]));

/**
 * Finds the endpoint served at `method path` (path without query string), or `undefined`.
 *
 * @example
 * ```ts
 * endpointByPath('POST', '/cgi-bin/menu/create')?.name; // 'menu.create'
 * endpointByPath('GET', '/cgi-bin/menu/create'); // undefined
 * ```
 */
export function endpointByPath(method: string, path: string): EndpointSpec | undefined {
  return byRoute.get(`${method.toUpperCase()} ${path}`);
}

/**
 * Whether `name` is an endpoint of the table (for names typed by people, e.g. in the CLI).
 *
 * @example
 * ```ts
 * isEndpointName('menu.get'); // true
 * ```
 */
export function isEndpointName(name: string): name is EndpointName {
  return Object.hasOwn(endpoints, name);
}
