/**
 * Customer-service sessions (会话控制): which kf account serves which fan (slot `kfSessions`), the online accounts,
 * and the fans waiting for one. A fan waits once the developer's reply handed their message to customer service
 * (`transfer_customer_service`, shown in the chat) and no session started since.
 * @module
 */
import { z } from 'zod';
import type { EmulatorState } from '../../state.js';
import type { Fan } from '../../world.js';
import type { Handlers } from '../core/handler.js';
import { field } from '../core/input.js';
import { findKf, kfAccounts, kfSessions, openSession, openSessionsOf, type KfRecord } from './store.js';
import { fail, OK } from '../core/respond.js';

/**
 * getwaitcase lists at most this many fans.
 *
 * @example
 * ```ts
 * waitingFans(state).slice(0, WAIT_CASE_LIMIT);
 * ```
 */
export const WAIT_CASE_LIMIT = 100;

const seconds = (ms: number) => Math.floor(ms / 1000);

// The documented order: the account must exist (65401), be bound to a worker (65402).
function boundKf(state: EmulatorState, account: unknown): KfRecord {
  const kf = findKf(state, account);
  if (kf.worker === undefined) fail(65402);
  return kf;
}

function followingFan(state: EmulatorState, body: Record<string, unknown>): Fan {
  const openid = field(body, 'openid', z.string().min(1), 40003);
  const fan = state.fans.get(openid);
  if (fan === undefined || !fan.following) fail(40003);
  return fan;
}

/**
 * The fans waiting for a kf account, in the order they came: their message went to customer service
 * (`transfer_customer_service`) and no session started since.
 *
 * @example
 * ```ts
 * waitingFans(state).map((w) => w.openid);
 * ```
 */
export function waitingFans(state: EmulatorState): { openid: string; since: number; latestTime: number }[] {
  const waiting: { openid: string; since: number; latestTime: number }[] = [];
  for (const fan of state.fans.values()) {
    const transfer = (state.chats.get(fan.openid) ?? []).findLast(
      (e) => e.msgType === 'transfer_customer_service',
    );
    if (transfer === undefined || !fan.following) continue;
    const served = kfSessions(state).some(
      (s) => s.openid === fan.openid && (s.closedAt === undefined || s.startedAt >= transfer.at),
    );
    if (!served) {
      waiting.push({ openid: fan.openid, since: transfer.at, latestTime: fan.lastMessageAt ?? transfer.at });
    }
  }
  return waiting.sort((a, b) => a.since - b.since);
}

/**
 * The handlers of the session endpoints and the online list.
 *
 * @example
 * ```ts
 * Object.keys(kfSessionHandlers); // ['customService.createSession', 'customService.closeSession', …]
 * ```
 */
export const kfSessionHandlers: Handlers = {
  'customService.createSession': ({ state, body }) => {
    const kf = boundKf(state, body['kf_account']);
    if (!kf.online) fail(65415);
    const fan = followingFan(state, body);
    const current = openSession(state, fan.openid);
    // "如果该客服和用户会话已存在,则直接返回0"
    if (current?.account === kf.account) return OK;
    if (current !== undefined) fail(65414);
    kfSessions(state).push({ openid: fan.openid, account: kf.account, startedAt: state.now() });
    return OK;
  },
  'customService.closeSession': ({ state, body }) => {
    const kf = boundKf(state, body['kf_account']);
    const fan = followingFan(state, body);
    const current = openSession(state, fan.openid) ?? fail(65413);
    if (current.account !== kf.account) fail(65414);
    current.closedAt = state.now();
    return OK;
  },
  'customService.getSession': ({ state, query }) => {
    const fan = followingFan(state, query);
    const current = openSession(state, fan.openid);
    // Nobody serves the fan: an empty kf_account, as documented.
    return current === undefined
      ? { kf_account: '', createtime: 0 }
      : { kf_account: current.account, createtime: seconds(current.startedAt) };
  },
  'customService.listSessions': ({ state, query }) => {
    const kf = boundKf(state, query['kf_account']);
    return {
      sessionlist: openSessionsOf(state, kf.account).map((s) => ({
        openid: s.openid,
        createtime: seconds(s.startedAt),
      })),
    };
  },
  'customService.listWaitingSessions': ({ state }) => {
    const waiting = waitingFans(state);
    return {
      count: waiting.length,
      waitcaselist: waiting
        .slice(0, WAIT_CASE_LIMIT)
        .map((w) => ({ openid: w.openid, latest_time: seconds(w.latestTime) })),
    };
  },
  'customService.listOnlineAccounts': ({ state }) => ({
    kf_online_list: kfAccounts(state)
      .filter((kf) => kf.online)
      .map((kf) => ({
        kf_account: kf.account,
        status: 1,
        kf_id: String(kf.id),
        accepted_case: openSessionsOf(state, kf.account).length,
      })),
  }),
};
