/**
 * WeChat-style answers: `{"errcode":…,"errmsg":"… rid: …"}` for errors, JSON with 64-bit ids as bare integers for
 * successes, and the request-id log `openapi/rid/get` reads.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { stringifyJson } from '../../../wechat-http/index.js';
import type { RidGetResponse } from '../../../api/types/misc.js';
import type { EmulatorState } from '../../state.js';
import { ERRMSG } from './errmsg.js';

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
 * const fan = state.fans.get('oFan1') ?? fail(40003);
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

/** What `openapi/rid/get` tells about a failed call, under its rid. */
export type RidRecord = RidGetResponse['request'] & { rid: string };

const RID_LOG = 'rids';
const RID_LOG_SIZE = 500;

/**
 * The last failed calls by rid (bounded), for `openapi/rid/get`.
 *
 * @example
 * ```ts
 * const rid = newRid(state.now());
 * const request = { invoke_time: 1700000000, cost_in_ms: 1, request_url: '/cgi-bin/menu/get' };
 * recordRid(state, { rid, ...request, request_body: '', response_body: '', client_ip: '127.0.0.1' });
 * ridLog(state).find((r) => r.rid === rid); // the record
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
 * recordRid(state, {
 *   rid: newRid(state.now()),
 *   invoke_time: 1700000000,
 *   cost_in_ms: 1,
 *   request_url: '/cgi-bin/menu/get',
 *   request_body: '',
 *   response_body: '{"errcode":46003,"errmsg":"menu no exist"}',
 *   client_ip: '127.0.0.1',
 * });
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
