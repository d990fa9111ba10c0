/**
 * Mass messages (reference §9.6): sendall (to everyone or a tag), send (2–10 000 openids), preview, delete and
 * status. A send is only a submission: messages go to each following, non-blacklisted target's chat (`via: 'mass'`),
 * and after the job delay one `MASSSENDJOBFINISH` per job is pushed to the account, from the mass-send assistant
 * (`mphelper`), as the documentation describes.
 * @module
 */
import type { EmulatorState } from '../state.js';
import type { Fan } from '../world.js';
import type { Call, Handlers } from './core/handler.js';
import { finishLater, MPHELPER } from './core/jobs.js';
import { massContent, messageLookup } from './core/message-content.js';
import { fail, jsonResponse, OK, textOf } from './core/respond.js';
import { tagExists } from './tag.js';

/** Openids per mass/send. */
export const MASS_SEND_TARGETS = Object.freeze({ min: 2, max: 10_000 });

/** A mass-send job (JSON-friendly, saved with the state). */
export interface MassJob {
  msg_id: string;
  msg_data_id?: string;
  msgtype: string;
  status: 'SENDING' | 'SEND_SUCCESS' | 'DELETE';
  articleCount: number;
  /** The articles of an `mpnews` send, for comments and statistics. */
  articles?: { title: string; url?: string }[];
  clientmsgid?: string;
  createdAt: number;
}

interface MassSlot {
  nextId: number;
  jobs: Record<string, MassJob>;
}

/**
 * Every mass-send job, by msg_id.
 *
 * @example
 * ```ts
 * Object.values(massJobs(state)).filter((job) => job.msg_data_id !== undefined);
 * ```
 */
export function massJobs(state: EmulatorState): Record<string, MassJob> {
  return slot(state).jobs;
}

function slot(state: EmulatorState): MassSlot {
  return state.slot<MassSlot>('mass', () => ({ nextId: 1_000_000_001, jobs: {} }));
}

function nextId(state: EmulatorState): string {
  const s = slot(state);
  s.nextId += 1;
  return String(s.nextId);
}

function submit(call: Call, targets: Fan[], total: number): Response {
  const { state, options, body, origin } = call;
  const { content, articleCount } = massContent(body, messageLookup(state, origin));
  const msgtype = String(body['msgtype']);
  const s = slot(state);
  const clientmsgid =
    typeof body['clientmsgid'] === 'string' && body['clientmsgid'] !== '' ? body['clientmsgid'] : undefined;
  const duplicate = clientmsgid && Object.values(s.jobs).find((j) => j.clientmsgid === clientmsgid);
  if (duplicate) fail(45065, undefined, { msg_id: duplicate.msg_id });

  const job: MassJob = {
    msg_id: nextId(state),
    ...(msgtype === 'mpnews' ? { msg_data_id: nextId(state) } : {}),
    msgtype,
    status: 'SENDING',
    articleCount,
    ...(content.msgType === 'mpnews'
      ? {
          articles: content.payload.articles.map((a) => ({
            title: a.title,
            ...(a.url ? { url: a.url } : {}),
          })),
        }
      : {}),
    ...(clientmsgid === undefined ? {} : { clientmsgid }),
    createdAt: state.now(),
  };
  s.jobs[job.msg_id] = job;
  // Unfollowed and blacklisted fans are filtered out, as WeChat filters them.
  const receivers = targets.filter((f) => f.following && !f.blacklisted);
  for (const fan of receivers) {
    state.addChat({ openid: fan.openid, direction: 'out', via: 'mass', msgId: job.msg_id, ...content });
  }
  finishLater(state, options, () => {
    if (job.status === 'SENDING') job.status = 'SEND_SUCCESS';
    return {
      from: MPHELPER,
      event: 'MASSSENDJOBFINISH',
      fields: {
        MsgID: BigInt(job.msg_id),
        Status: 'send success',
        TotalCount: total,
        FilterCount: receivers.length,
        SentCount: receivers.length,
        ErrorCount: 0,
      },
    };
  });
  const answer = {
    errcode: 0,
    errmsg: 'send job submission success',
    msg_id: job.msg_id,
    ...(job.msg_data_id ? { msg_data_id: job.msg_data_id } : {}),
  };
  return jsonResponse(answer, ['msg_id', 'msg_data_id']);
}

function jobOf(state: EmulatorState, msgId: unknown): MassJob {
  return slot(state).jobs[textOf(msgId)] ?? fail(40035);
}

/**
 * The handlers of the mass-message endpoints.
 *
 * @example
 * ```ts
 * Object.keys(massHandlers); // ['mass.sendAll', 'mass.send', 'mass.preview', 'mass.delete', 'mass.get']
 * ```
 */
export const massHandlers: Handlers = {
  'mass.sendAll': (call) => {
    const { state, body } = call;
    const filter = body['filter'] as { is_to_all?: unknown; tag_id?: unknown } | undefined;
    if (typeof filter !== 'object' || filter === null) fail(47001);
    const fans = [...state.fans.values()];
    if (filter.is_to_all === true)
      return submit(
        call,
        fans.filter((f) => f.following),
        fans.filter((f) => f.following).length,
      );
    const tagId = Number(filter.tag_id);
    if (!Number.isInteger(tagId) || !tagExists(state, tagId)) fail(40050);
    const tagged = fans.filter((f) => f.following && f.tagIds.includes(tagId));
    return submit(call, tagged, tagged.length);
  },
  'mass.send': (call) => {
    const touser = call.body['touser'];
    if (
      !Array.isArray(touser) ||
      touser.length < MASS_SEND_TARGETS.min ||
      touser.length > MASS_SEND_TARGETS.max
    ) {
      fail(40130);
    }
    // Unknown openids are filtered out (counted in TotalCount, not in FilterCount).
    const fans = touser.flatMap((openid) => call.state.fans.get(String(openid)) ?? []);
    return submit(call, fans, touser.length);
  },
  'mass.preview': ({ state, body, origin }) => {
    const byName = body['towxname'];
    const fan =
      typeof byName === 'string'
        ? ([...state.fans.values()].find((f) => f.nickname === byName) ?? fail(40132))
        : (state.fans.get(textOf(body['touser'])) ?? fail(40003));
    if (!fan.following) fail(43004);
    const { content } = massContent(body, messageLookup(state, origin));
    const msgId = nextId(state);
    state.addChat({ openid: fan.openid, direction: 'out', via: 'mass', preview: true, ...content });
    return jsonResponse({ errcode: 0, errmsg: 'preview success', msg_id: msgId }, ['msg_id']);
  },
  'mass.delete': ({ state, body }) => {
    const job = jobOf(state, body['msg_id']);
    if (job.msgtype !== 'mpnews' && job.msgtype !== 'mpvideo') fail(40035);
    const idx = Number(body['article_idx'] ?? 0);
    if (!Number.isInteger(idx) || idx < 0 || idx > job.articleCount) fail(40060);
    // Deleting one article of several leaves the job; deleting all (or the only one) deletes it.
    if (idx === 0 || job.articleCount <= 1) job.status = 'DELETE';
    return OK;
  },
  'mass.get': ({ state, body }) => {
    const job = jobOf(state, body['msg_id']);
    return jsonResponse({ msg_id: job.msg_id, msg_status: job.status }, ['msg_id']);
  },
};
