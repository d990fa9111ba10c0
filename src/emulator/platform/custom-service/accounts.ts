/**
 * Customer-service accounts (客服帐号管理) in the slot `kf`, keyed by `kf_account` (`prefix@wechatid`): add, rename,
 * delete, invite a worker's WeChat to bind the account, set its avatar, and list them. A worker accepts an
 * invitation and goes online only through the test control `POST /__emulator/kf-workers` (or
 * {@link acceptKfInvite} / {@link setKfOnline}): the emulator has no workbench where a person would do it.
 * @module
 */
import { z } from 'zod';
import type { EmulatorState } from '../../state.js';
import type { Handlers } from '../core/handler.js';
import { field } from '../core/input.js';
import { KF_HEAD_IMAGE_PREFIX, mediaUrl, readUpload, storeUpload } from '../core/media-store.js';
import { closeSessionsOf, findKf, kfByAccount, kfSlot as slot, type KfRecord } from './store.js';
import { fail, OK } from '../core/respond.js';

/**
 * Kf accounts per Official Account (documented on kfaccount/add).
 *
 * @example
 * ```ts
 * import { fail } from '../core/respond.js';
 * import { kfAccounts } from './store.js';
 * if (kfAccounts(state).length >= MAX_KF_ACCOUNTS) fail(65405);
 * ```
 */
export const MAX_KF_ACCOUNTS = 100;
/**
 * How long an invitation waits for the worker (not documented; the emulator's choice).
 *
 * @example
 * ```ts
 * const expiresAt = state.now() + KF_INVITE_TTL_MS;
 * ```
 */
export const KF_INVITE_TTL_MS = 7 * 86_400_000;
/**
 * Avatar files up to 5 MB (documented on kfaccount/uploadheadimg).
 *
 * @example
 * ```ts
 * import { fail } from '../core/respond.js';
 * const avatar = Buffer.alloc(6 * 1024 * 1024);
 * if (avatar.length > KF_HEAD_IMAGE_MAX_BYTES) fail(40009); // too large for an avatar
 * ```
 */
export const KF_HEAD_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

// prefix: ≤ 10 letters, digits or underscores; suffix: the account's WeChat id (≤ 30 characters).
const KF_ACCOUNT = z.string().regex(/^[A-Za-z0-9_]{1,10}@[A-Za-z0-9_-]{1,30}$/);
// "最长16个字": characters, not bytes.
const NICKNAME = z.string().refine((s) => s.trim() !== '' && [...s].length <= 16);
// WeChat ids: 6–20 letters, digits, '_' or '-', starting with a letter.
const WECHAT_ID = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{5,19}$/);

/** An invitation still open to the worker. */
function waitingInvite(state: EmulatorState, kf: KfRecord): KfRecord['invite'] {
  const invite = kf.invite;
  return invite !== undefined && state.now() < invite.expiresAt ? invite : undefined;
}

/**
 * The worker accepts the open invitation of a kf account and binds it (what the invited person does in WeChat).
 * False when no invitation waits.
 *
 * @example
 * ```ts
 * acceptKfInvite(state, 'test1@mywechatid'); // true: kf_wx is set
 * ```
 */
export function acceptKfInvite(state: EmulatorState, account: string): boolean {
  const kf = kfByAccount(state, account);
  const invite = kf && waitingInvite(state, kf);
  if (kf === undefined || invite === undefined) return false;
  kf.worker = invite.wx;
  delete kf.invite;
  return true;
}

/**
 * Puts a bound kf account online (its worker opened the workbench) or offline. False for an unknown or unbound
 * account.
 *
 * @example
 * ```ts
 * setKfOnline(state, 'test1@mywechatid', true);
 * ```
 */
export function setKfOnline(state: EmulatorState, account: string, online: boolean): boolean {
  const kf = kfByAccount(state, account);
  if (kf?.worker === undefined) return false;
  kf.online = online;
  return true;
}

function listEntry(state: EmulatorState, kf: KfRecord, origin: string): Record<string, unknown> {
  const invite = kf.invite;
  return {
    kf_account: kf.account,
    kf_nick: kf.nickname,
    kf_id: String(kf.id),
    kf_headimgurl: kf.headImageId === undefined ? '' : mediaUrl(origin, kf.headImageId),
    ...(kf.worker === undefined ? {} : { kf_wx: kf.worker }),
    ...(invite === undefined
      ? {}
      : {
          invite_wx: invite.wx,
          invite_expire_time: Math.floor(invite.expiresAt / 1000),
          invite_status: waitingInvite(state, kf) === undefined ? 'expired' : 'waiting',
        }),
  };
}

/**
 * The handlers of the kf account endpoints.
 *
 * @example
 * ```ts
 * Object.keys(kfAccountHandlers); // ['customService.addAccount', 'customService.updateAccount', …]
 * ```
 */
export const kfAccountHandlers: Handlers = {
  'customService.addAccount': ({ state, body }) => {
    const account = field(body, 'kf_account', KF_ACCOUNT, 65404);
    const nickname = field(body, 'nickname', NICKNAME, 65403);
    const s = slot(state);
    if (s.accounts.some((kf) => kf.account === account)) fail(65406);
    if (s.accounts.length >= MAX_KF_ACCOUNTS) fail(65405);
    s.accounts.push({ account, nickname, id: s.nextId, online: false });
    s.nextId += 1;
    return OK;
  },
  'customService.updateAccount': ({ state, body }) => {
    const kf = findKf(state, field(body, 'kf_account', KF_ACCOUNT, 65404));
    kf.nickname = field(body, 'nickname', NICKNAME, 65403);
    return OK;
  },
  // The page reads kf_account from the query, other SDKs send it in the body: both readings are served.
  'customService.deleteAccount': ({ state, body, query }) => {
    const kf = findKf(state, body['kf_account'] ?? query['kf_account']);
    const s = slot(state);
    s.accounts = s.accounts.filter((k) => k !== kf);
    closeSessionsOf(state, kf.account);
    if (kf.headImageId !== undefined) state.media.delete(kf.headImageId);
    return OK;
  },
  'customService.inviteWorker': ({ state, body }) => {
    const kf = findKf(state, body['kf_account']);
    const wx = field(body, 'invite_wx', WECHAT_ID, 65409);
    const others = slot(state).accounts.filter((k) => k !== kf);
    if (kf.worker !== undefined) fail(65412);
    if (waitingInvite(state, kf) !== undefined) fail(65411);
    if (others.some((k) => k.worker === wx)) fail(65407);
    if (others.some((k) => waitingInvite(state, k)?.wx === wx)) fail(65408);
    kf.invite = { wx, expiresAt: state.now() + KF_INVITE_TTL_MS };
    return OK;
  },
  'customService.uploadHeadImage': async ({ state, query, form, origin }) => {
    const kf = findKf(state, query['kf_account']);
    const upload = await readUpload(form);
    if (!['jpg', 'jpeg', 'png'].includes(upload.ext)) fail(40005);
    if (upload.bytes.length > KF_HEAD_IMAGE_MAX_BYTES) fail(40009);
    if (kf.headImageId !== undefined) state.media.delete(kf.headImageId);
    const media = storeUpload(state, upload, {
      type: 'image',
      permanent: true,
      idPrefix: KF_HEAD_IMAGE_PREFIX,
    });
    media.url = mediaUrl(origin, media.mediaId);
    kf.headImageId = media.mediaId;
    return OK;
  },
  'customService.listAccounts': ({ state, origin }) => ({
    kf_list: slot(state).accounts.map((kf) => listEntry(state, kf, origin)),
  }),
};
