/**
 * Where the kf accounts (slot `kf`) and their sessions with fans (slot `kfSessions`) live, shared by the account
 * and session handlers.
 * @module
 */
import type { EmulatorState } from '../../state.js';
import { fail } from '../core/respond.js';

/**
 * A kf account as the emulator keeps it.
 */
export interface KfRecord {
  account: string;
  nickname: string;
  /** The number getkflist calls `kf_id`, from 1001. */
  id: number;
  /** Media id of the avatar in `state.media`. */
  headImageId?: string;
  /** The worker's WeChat id once bound (`kf_wx`). */
  worker?: string;
  /** The open (or expired) invitation; gone once the worker accepts. */
  invite?: { wx: string; expiresAt: number };
  online: boolean;
}

/**
 * What the kf slot holds.
 */
export interface KfSlot {
  accounts: KfRecord[];
  nextId: number;
}

/**
 * The kf slot: accounts oldest first, and the next `kf_id`.
 *
 * @example
 * ```ts
 * kfSlot(state).accounts.length;
 * ```
 */
export function kfSlot(state: EmulatorState): KfSlot {
  return state.slot<KfSlot>('kf', () => ({ accounts: [], nextId: 1001 }));
}

/**
 * Every kf account, oldest first.
 *
 * @example
 * ```ts
 * kfAccounts(state).map((kf) => kf.account);
 * ```
 */
export function kfAccounts(state: EmulatorState): readonly KfRecord[] {
  return kfSlot(state).accounts;
}

/**
 * The kf account of that name, if there is one.
 *
 * @example
 * ```ts
 * kfByAccount(state, 'test1@mywechatid')?.online;
 * ```
 */
export function kfByAccount(state: EmulatorState, account: unknown): KfRecord | undefined {
  return kfSlot(state).accounts.find((kf) => kf.account === account);
}

/**
 * The kf account named by a request field, or 65401 (invalid custom service account).
 *
 * @example
 * ```ts
 * const kf = findKf(state, 'test1@mywechatid'); // or WxError(65401)
 * ```
 */
export function findKf(state: EmulatorState, account: unknown): KfRecord {
  return kfByAccount(state, account) ?? fail(65401);
}

/**
 * A session between a fan and a kf account; `closedAt` once it ended (the chat records need past sessions).
 */
export interface KfSession {
  openid: string;
  account: string;
  /** ms */
  startedAt: number;
  /** ms */
  closedAt?: number;
}

/**
 * Every session, open and closed, oldest first.
 *
 * @example
 * ```ts
 * kfSessions(state).filter((s) => s.closedAt === undefined);
 * ```
 */
export function kfSessions(state: EmulatorState): KfSession[] {
  return state.slot<{ list: KfSession[] }>('kfSessions', () => ({ list: [] })).list;
}

/**
 * The fan's open session, if a kf account serves them now.
 *
 * @example
 * ```ts
 * openSession(state, 'oFan1')?.account; // 'test1@mywechatid'
 * ```
 */
export function openSession(state: EmulatorState, openid: string): KfSession | undefined {
  return kfSessions(state).find((s) => s.openid === openid && s.closedAt === undefined);
}

/**
 * The fans a kf account serves now.
 *
 * @example
 * ```ts
 * openSessionsOf(state, 'test1@mywechatid').length; // accepted_case
 * ```
 */
export function openSessionsOf(state: EmulatorState, account: string): KfSession[] {
  return kfSessions(state).filter((s) => s.account === account && s.closedAt === undefined);
}

/**
 * Ends every open session of a kf account (it was deleted).
 *
 * @example
 * ```ts
 * closeSessionsOf(state, 'test1@mywechatid');
 * ```
 */
export function closeSessionsOf(state: EmulatorState, account: string): void {
  for (const session of openSessionsOf(state, account)) session.closedAt = state.now();
}
