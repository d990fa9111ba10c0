/**
 * Customer-service chat records (msgrecord/getmsglist), read from the chats: 2002 for a customer-service message
 * sent as a kf account (`customservice.kf_account`), 2003 for a fan's message while a kf account served them.
 * Records of a period are numbered from 1 in time order; `msgid` picks up where the last answer ended.
 * @module
 */
import { z } from 'zod';
import type { ChatEntry } from '../../chat-entry.js';
import type { EmulatorState } from '../../state.js';
import type { Handlers } from '../core/handler.js';
import { field, INTEGER } from '../core/input.js';
import { kfSessions } from './store.js';
import { fail } from '../core/respond.js';

/**
 * The longest period one call may ask for (documented: 24 hours).
 *
 * @example
 * ```ts
 * import { fail } from '../core/respond.js';
 * const starttime = 1717200000;
 * const endtime = starttime + 2 * 86_400;
 * if (endtime - starttime > MSG_RECORD_MAX_PERIOD_S) fail(65417); // two days is too long a period
 * ```
 */
export const MSG_RECORD_MAX_PERIOD_S = 24 * 3600;
/**
 * Records per call, at most (documented).
 *
 * @example
 * ```ts
 * const number = Math.min(50_000, MSG_RECORD_MAX_NUMBER); // 10000
 * ```
 */
export const MSG_RECORD_MAX_NUMBER = 10_000;

/**
 * One chat record as getmsglist answers it.
 */
export interface MsgRecord {
  openid: string;
  opercode: 2002 | 2003;
  text: string;
  time: number;
  worker: string;
}

// Media read as WeChat documents them ([image], [voice], [video]); other kinds the same way.
function recordText(entry: ChatEntry): string {
  return entry.msgType === 'text' ? entry.payload.content : `[${entry.msgType}]`;
}

function recordOf(state: EmulatorState, entry: ChatEntry): MsgRecord | undefined {
  const base = { openid: entry.openid, text: recordText(entry), time: Math.floor(entry.at / 1000) };
  const kf = entry.kfAccount;
  if (entry.direction === 'out' && entry.via === 'customer-service' && kf !== undefined) {
    return { ...base, opercode: 2002, worker: kf };
  }
  if (entry.direction !== 'in' || entry.via !== 'fan') return undefined;
  const session = kfSessions(state).find(
    (s) =>
      s.openid === entry.openid &&
      s.startedAt <= entry.at &&
      (s.closedAt === undefined || entry.at < s.closedAt),
  );
  return session && { ...base, opercode: 2003, worker: session.account };
}

/**
 * The chat records between two Unix times (inclusive), oldest first.
 *
 * @example
 * ```ts
 * chatRecords(state, 1717200000, 1717203600).filter((r) => r.opercode === 2002);
 * ```
 */
export function chatRecords(state: EmulatorState, from: number, to: number): MsgRecord[] {
  const entries = [...state.chats.values()]
    .flat()
    .filter((e) => e.at >= from * 1000 && e.at <= to * 1000)
    .sort((a, b) => a.at - b.at);
  return entries.flatMap((e) => recordOf(state, e) ?? []);
}

const INT = z.number().int();
// `msgid` is one of the 64-bit id fields the body parser keeps as a string.
const MSGID = INTEGER.pipe(INT.min(1));

/**
 * The handler of msgrecord/getmsglist: 65416 for a bad parameter, 65417 for a period over 24 hours.
 *
 * @example
 * ```ts
 * Object.keys(kfRecordHandlers); // ['customService.getMessageRecords']
 * ```
 */
export const kfRecordHandlers: Handlers = {
  'customService.getMessageRecords': ({ state, body }) => {
    const starttime = field(body, 'starttime', INT.min(0), 65416);
    const endtime = field(body, 'endtime', INT.min(starttime), 65416);
    const msgid = field(body, 'msgid', MSGID, 65416);
    const number = field(body, 'number', INT.min(1).max(MSG_RECORD_MAX_NUMBER), 65416);
    if (endtime - starttime > MSG_RECORD_MAX_PERIOD_S) fail(65417);
    const page = chatRecords(state, starttime, endtime).slice(msgid - 1, msgid - 1 + number);
    return { recordlist: page, number: page.length, msgid: msgid + page.length };
  },
};
