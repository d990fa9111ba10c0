/**
 * WeChat-style answers: `{"errcode":…,"errmsg":"… rid: …"}` for errors, JSON with 64-bit ids as bare integers for
 * successes, and the request-id log `openapi/rid/get` reads.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { stringifyJson } from '../../api/json.js';
import type { EmulatorState } from '../state.js';

/**
 * WeChat's own `errmsg` for the codes the emulator answers (English, as the API sends them).
 *
 * @example
 * ```ts
 * ERRMSG[46003]; // 'menu no exist'
 * ```
 */
export const ERRMSG: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40004: 'invalid media type',
  40005: 'invalid file type',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40009: 'invalid image size',
  40010: 'invalid voice size',
  40011: 'invalid video size',
  40012: 'invalid thumb size',
  40013: 'invalid appid',
  40016: 'invalid button size',
  40017: 'invalid button type',
  40018: 'invalid button name size',
  40019: 'invalid button key size',
  40020: 'invalid button url size',
  40022: 'invalid sub_menu level',
  40023: 'invalid sub button size',
  40024: 'invalid sub button type',
  40025: 'invalid sub button name size',
  40026: 'invalid sub button key size',
  40027: 'invalid sub button url size',
  40029: 'invalid code',
  40030: 'invalid refresh_token',
  40032: 'invalid openid list size',
  40035: 'invalid args',
  40037: 'invalid template_id',
  40050: 'invalid tag id',
  40053: 'invalid action info',
  40054: 'invalid sub button url domain',
  40055: 'invalid button url domain',
  40060: 'invalid article idx',
  40125: 'invalid appsecret',
  40130: 'invalid openid list size, at least two openid',
  40132: 'invalid wechat id',
  40163: 'code been used',
  40227: 'empty title',
  41001: 'access_token missing',
  41002: 'appid missing',
  41003: 'refresh_token missing',
  41004: 'appsecret missing',
  41005: 'media data missing',
  41006: 'media_id missing',
  41008: 'missing code',
  41009: 'missing openid',
  42001: 'access_token expired',
  42002: 'refresh_token expired',
  42003: 'code expired',
  43002: 'require POST method',
  43004: 'require subscribe',
  44001: 'empty media data',
  44002: 'empty post data',
  44003: 'empty news data',
  44004: 'empty content',
  45002: 'content size out of limit',
  45003: 'title size out of limit',
  45004: 'description size out of limit',
  45008: 'article size out of limit',
  45009: 'reach max api daily quota limit',
  45015: 'response out of time limit or subscription is canceled',
  45047: 'out of response count limit',
  45056: 'too many tag now, no need to add new',
  45058: "can't modify sys tag",
  45059: 'tag count of this user exceeds limit',
  45065: 'clientmsgid exist',
  45110: 'author size out of limit',
  45157: 'invalid tag name',
  45158: 'tag name too long',
  45159: 'invalid tag id',
  46003: 'menu no exist',
  47001: 'data format error',
  48001: 'api unauthorized',
  48006: 'forbid to clear quota because of reaching the limit',
  53600: 'invalid article_id',
  65301: 'this menuid does not exist',
  65302: 'no such user',
  65303: 'there is no selfmenu, please create selfmenu first',
  65304: 'match rule empty',
  76001: 'rid not found',
  76021: 'cgi_path not found, please check',
};

/**
 * A WeChat error a handler throws; the endpoint runner turns it into the JSON answer (with a rid).
 *
 * @example
 * ```ts
 * throw new WxError(40003); // {"errcode":40003,"errmsg":"invalid openid rid: …"}
 * ```
 */
export class WxError extends Error {
  readonly errcode: number;
  readonly errmsg: string;
  /** Extra fields of the answer (e.g. the `msg_id` of the job a duplicate `clientmsgid` points at). */
  readonly extra: Record<string, unknown>;

  constructor(errcode: number, errmsg?: string, extra: Record<string, unknown> = {}) {
    const message = errmsg ?? ERRMSG[errcode] ?? 'invalid args';
    super(`${errcode} ${message}`);
    this.name = 'WxError';
    this.errcode = errcode;
    this.errmsg = message;
    this.extra = extra;
  }
}

/**
 * Throws a {@link WxError}; reads well in guard clauses.
 *
 * @example
 * ```ts
 * const fan = state.fans.get(openid) ?? fail(40003);
 * ```
 */
export function fail(errcode: number, errmsg?: string, extra?: Record<string, unknown>): never {
  throw new WxError(errcode, errmsg, extra);
}

/**
 * A request id shaped like WeChat's (`5f69fb7e-5d30941b-6bacf6ee`: hex Unix seconds, then two random words).
 *
 * @example
 * ```ts
 * newRid(Date.now()); // '6650a1b2-1c2c48a7-3f8b3e41'
 * ```
 */
export function newRid(nowMs: number): string {
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0');
  return `${seconds}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

/** What `openapi/rid/get` tells about a failed call. */
export interface RidRecord {
  rid: string;
  invoke_time: number;
  cost_in_ms: number;
  request_url: string;
  request_body: string;
  response_body: string;
  client_ip: string;
}

const RID_LOG = 'rids';
const RID_LOG_SIZE = 500;

/**
 * The last failed calls by rid (bounded), for `openapi/rid/get`.
 *
 * @example
 * ```ts
 * ridLog(state).find((r) => r.rid === rid);
 * ```
 */
export function ridLog(state: EmulatorState): RidRecord[] {
  return state.slot<RidRecord[]>(RID_LOG, () => []);
}

/**
 * Records a failed call under its rid, keeping the newest {@link RID_LOG_SIZE}.
 *
 * @example
 * ```ts
 * recordRid(state, { rid, invoke_time: 1700000000, cost_in_ms: 1, request_url: '/cgi-bin/menu/get', … });
 * ```
 */
export function recordRid(state: EmulatorState, record: RidRecord): void {
  const log = ridLog(state);
  log.push(record);
  if (log.length > RID_LOG_SIZE) log.splice(0, log.length - RID_LOG_SIZE);
}

/**
 * The JSON body of an error answer: WeChat appends ` rid: …` to every `errmsg`.
 *
 * @example
 * ```ts
 * errorBody(new WxError(46003), 'abc'); // { errcode: 46003, errmsg: 'menu no exist rid: abc' }
 * ```
 */
export function errorBody(error: WxError, rid: string): Record<string, unknown> {
  return { errcode: error.errcode, errmsg: `${error.errmsg} rid: ${rid}`, ...error.extra };
}

/**
 * A JSON answer where `integers` (64-bit ids held as digit strings) are written as bare JSON integers, as WeChat
 * writes `msgid` and `msg_id`; callers must parse them without losing precision.
 *
 * @example
 * ```ts
 * jsonResponse({ errcode: 0, errmsg: 'ok', msgid: '6054768590064713728' }, ['msgid']);
 * // body: {"errcode":0,"errmsg":"ok","msgid":6054768590064713728}
 * ```
 */
export function jsonResponse(body: unknown, integers: readonly string[] = [], status = 200): Response {
  return new Response(stringifyJson(body, integers), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * WeChat's plain success answer.
 *
 * @example
 * ```ts
 * return OK; // { errcode: 0, errmsg: 'ok' }
 * ```
 */
export const OK: Readonly<{ errcode: 0; errmsg: 'ok' }> = Object.freeze({ errcode: 0, errmsg: 'ok' });

/**
 * A request field as text: strings as they are, numbers as digits (ids may arrive either way), anything else `''`.
 *
 * @example
 * ```ts
 * textOf(208379533); // '208379533'
 * textOf({ a: 1 }); // ''
 * ```
 */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return '';
}
