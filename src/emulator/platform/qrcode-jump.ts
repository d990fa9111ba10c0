/**
 * QR-code jump rules (扫服务号二维码打开小程序, slot `qrcodeJump`): a rule names one of the account's parametric QR
 * codes, the mini program and its page; it is added, edited while unpublished, published (100 times a calendar
 * month, Beijing time) and deleted. Codes of the qrcodejump pages: 40097 a missing or malformed field, or an edit of
 * an unknown or published rule; 44990 more than 5 calls a second; 85066 a prefix that is not one of the account's
 * QR-code URLs; 85071 a rule added twice; 85073 the rules are full; 85095 publishing a prefix without a rule;
 * 886000 the month's publications used up. Deleting a rule that is not there answers ok (a retried delete
 * succeeds). The emulator has no mini programs: any well-formed AppID counts as linked.
 * @module
 */
import { z } from 'zod';
import type { EmulatorState } from '../state.js';
import type { Handlers } from './core/handler.js';
import { field, INTEGER } from './core/input.js';
import { fail, OK } from './core/respond.js';
import { listQrTickets } from './qrcode.js';

/** The pages' limits: publications a month, calls a second, prefixes and page size of a query. */
export const QRCODE_JUMP_LIMITS = Object.freeze({
  publishesPerMonth: 100,
  callsPerSecond: 5,
  /** The page does not state it; get_type 0 lists the newest 10 000, so the emulator keeps as many. */
  rules: 10_000,
  prefixesPerQuery: 200,
  pageSize: 200,
});

interface JumpRule {
  prefix: string;
  appid: string;
  path: string;
  state: 1 | 2;
}

interface JumpStore {
  /** In the order they were added. */
  rules: JumpRule[];
  /** Publications by month (`2024-06`, Beijing time). */
  published: Record<string, number>;
  /** Times (ms) of the last calls, for the 5-a-second limit. */
  recentCalls: number[];
}

function store(state: EmulatorState): JumpStore {
  return state.slot<JumpStore>('qrcodeJump', () => ({ rules: [], published: {}, recentCalls: [] }));
}

const APPID = z.string().regex(/^wx[0-9a-f]{16}$/);
const TEXT = z.string().min(1);

/** WeChat's per-second limit of the qrcodejump calls (44990), on the emulator's clock. */
function throttle(state: EmulatorState): JumpStore {
  const jump = store(state);
  const now = state.now();
  jump.recentCalls = jump.recentCalls.filter((at) => now - at < 1000);
  if (jump.recentCalls.length >= QRCODE_JUMP_LIMITS.callsPerSecond) fail(44990);
  jump.recentCalls.push(now);
  return jump;
}

/** The month a publication counts in: China's calendar (UTC+8). */
function month(state: EmulatorState): string {
  return new Date(state.now() + 8 * 3600_000).toISOString().slice(0, 7);
}

function quotaLeft(state: EmulatorState, jump: JumpStore): number {
  return Math.max(0, QRCODE_JUMP_LIMITS.publishesPerMonth - (jump.published[month(state)] ?? 0));
}

const view = (rule: JumpRule) => ({ prefix: rule.prefix, path: rule.path, state: rule.state });

/**
 * The handlers of qrcodejumpget, qrcodejumpadd, qrcodejumppublish and qrcodejumpdelete.
 *
 * @example
 * ```ts
 * Object.keys(qrcodeJumpHandlers); // ['qrcodeJump.get', 'qrcodeJump.add', 'qrcodeJump.publish', 'qrcodeJump.delete']
 * ```
 */
export const qrcodeJumpHandlers: Handlers = {
  'qrcodeJump.get': ({ state, body }) => {
    const jump = throttle(state);
    const appid = field(body, 'appid', APPID, 40097);
    const getType = field(body, 'get_type', INTEGER.pipe(z.number().min(0).max(2)), 40097);
    const mine = jump.rules.filter((r) => r.appid === appid);
    let list: JumpRule[];
    if (getType === 0) {
      list = mine.slice(-10_000).reverse();
    } else if (getType === 1) {
      const prefixes = field(
        body,
        'prefix_list',
        z.array(TEXT).min(1).max(QRCODE_JUMP_LIMITS.prefixesPerQuery),
        40097,
      );
      list = mine.filter((r) => prefixes.includes(r.prefix));
    } else {
      const pageNum = field(body, 'page_num', INTEGER.pipe(z.number().min(1)), 40097);
      const pageSize = field(
        body,
        'page_size',
        INTEGER.pipe(z.number().min(1).max(QRCODE_JUMP_LIMITS.pageSize)),
        40097,
      );
      list = mine.slice((pageNum - 1) * pageSize, pageNum * pageSize);
    }
    return {
      ...OK,
      rule_list: list.map(view),
      qrcodejump_open: 1,
      list_size: list.length,
      qrcodejump_pub_quota: quotaLeft(state, jump),
      total_count: mine.length,
    };
  },
  'qrcodeJump.add': ({ state, body }) => {
    const jump = throttle(state);
    const prefix = field(body, 'prefix', TEXT, 40097);
    const appid = field(body, 'appid', APPID, 40097);
    const path = field(body, 'path', TEXT, 40097);
    const isEdit = field(body, 'is_edit', INTEGER.pipe(z.number().min(0).max(1)), 40097);
    // A service account's rule is one of its own parametric QR codes (http://weixin.qq.com/q/…).
    if (!listQrTickets(state).some((qr) => qr.url === prefix)) fail(85066);
    const existing = jump.rules.find((r) => r.prefix === prefix);
    if (isEdit === 1) {
      if (existing === undefined) fail(40097, 'invalid args, no rule with this prefix to edit');
      if (existing.state === 2) fail(40097, 'invalid args, a published rule cannot be edited');
      Object.assign(existing, { appid, path });
      return { ...OK };
    }
    if (existing) fail(85071);
    if (jump.rules.length >= QRCODE_JUMP_LIMITS.rules) fail(85073);
    jump.rules.push({ prefix, appid, path, state: 1 });
    return { ...OK };
  },
  'qrcodeJump.publish': ({ state, body }) => {
    const jump = throttle(state);
    const prefix = field(body, 'prefix', TEXT, 40097);
    const rule = jump.rules.find((r) => r.prefix === prefix);
    if (rule === undefined) fail(85095);
    if (rule.state === 2) return { ...OK };
    if (quotaLeft(state, jump) === 0) fail(886000);
    const key = month(state);
    jump.published[key] = (jump.published[key] ?? 0) + 1;
    rule.state = 2;
    return { ...OK };
  },
  'qrcodeJump.delete': ({ state, body }) => {
    const jump = throttle(state);
    const prefix = field(body, 'prefix', TEXT, 40097);
    const appid = field(body, 'appid', APPID, 40097);
    jump.rules = jump.rules.filter((r) => !(r.prefix === prefix && r.appid === appid));
    return { ...OK };
  },
};
