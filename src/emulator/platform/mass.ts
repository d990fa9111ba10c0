/**
 * Mass messages (reference §9.6): sendall (to everyone or a tag), send (2–10 000 openids), preview, delete and
 * status. A send is only a submission: messages go to each following, non-blacklisted target's chat (`via: 'mass'`),
 * and after the job delay one `MASSSENDJOBFINISH` per job is pushed to the account, from the mass-send assistant
 * (`mphelper`), as the documentation describes.
 * @module
 */
import type { EmulatorState, Fan } from '../state.js';
import type { Call, Handlers } from './context.js';
import { findNews } from './drafts.js';
import { finishLater, MPHELPER } from './jobs.js';
import { findMedia, mediaUrl } from './media-store.js';
import { fail, jsonResponse, OK, textOf } from './respond.js';
import { tagExists } from './tags.js';

/** Openids per mass/send. */
export const MASS_SEND_TARGETS = Object.freeze({ min: 2, max: 10_000 });

/** A mass-send job (JSON-friendly, saved with the state). */
export interface MassJob {
  msg_id: string;
  msg_data_id?: string;
  msgtype: string;
  status: 'SENDING' | 'SEND_SUCCESS' | 'DELETE';
  articleCount: number;
  clientmsgid?: string;
  createdAt: number;
}

interface MassSlot {
  nextId: number;
  jobs: Record<string, MassJob>;
}

function slot(state: EmulatorState): MassSlot {
  return state.slot<MassSlot>('mass', () => ({ nextId: 1_000_000_001, jobs: {} }));
}

function nextId(state: EmulatorState): string {
  const s = slot(state);
  s.nextId += 1;
  return String(s.nextId);
}

/** The payload field of each mass msgtype (`image` travels as `images`). */
const FIELD: Readonly<Record<string, string>> = {
  mpnews: 'mpnews',
  text: 'text',
  voice: 'voice',
  image: 'images',
  mpvideo: 'mpvideo',
  wxcard: 'wxcard',
};

// Checks the payload and returns what the fans' chats show.
function payloadOf(state: EmulatorState, body: Record<string, unknown>, origin: string) {
  const msgtype = typeof body['msgtype'] === 'string' ? body['msgtype'] : '';
  const field = FIELD[msgtype] ?? fail(40008);
  const raw = body[field];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(47001);
  const payload = raw as Record<string, unknown>;
  const media = (id: unknown) => mediaUrl(origin, findMedia(state, id, 'any').mediaId);
  switch (msgtype) {
    case 'mpnews': {
      const articles = findNews(state, payload['media_id']) ?? fail(40007);
      return { msgtype, payload: { ...payload, articles }, articleCount: articles.length };
    }
    case 'text':
      if (typeof payload['content'] !== 'string' || payload['content'] === '') fail(44004);
      return { msgtype, payload, articleCount: 0 };
    case 'image': {
      const ids = payload['media_ids'];
      if (!Array.isArray(ids) || ids.length === 0) fail(40007);
      return { msgtype, payload: { ...payload, mediaUrls: ids.map(media) }, articleCount: 0 };
    }
    case 'voice':
    case 'mpvideo':
      return { msgtype, payload: { ...payload, mediaUrl: media(payload['media_id']) }, articleCount: 1 };
    default:
      return { msgtype, payload, articleCount: 0 };
  }
}

function submit(call: Call, targets: Fan[], total: number): Response {
  const { state, options, body, origin } = call;
  const { msgtype, payload, articleCount } = payloadOf(state, body, origin);
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
    ...(clientmsgid === undefined ? {} : { clientmsgid }),
    createdAt: state.now(),
  };
  s.jobs[job.msg_id] = job;
  // Unfollowed and blacklisted fans are filtered out, as WeChat filters them.
  const receivers = targets.filter((f) => f.following && !f.blacklisted);
  for (const fan of receivers) {
    state.addChat({
      openid: fan.openid,
      direction: 'out',
      via: 'mass',
      msgType: msgtype,
      payload: { ...payload, msgId: job.msg_id },
    });
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
 * const routes = endpointRoutes(state, options, massHandlers);
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
    const { msgtype, payload } = payloadOf(state, body, origin);
    const msgId = nextId(state);
    state.addChat({
      openid: fan.openid,
      direction: 'out',
      via: 'mass',
      msgType: msgtype,
      payload: { ...payload, preview: true },
    });
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
