/**
 * The push, as WeChat does it: sign (and encrypt) a message for the developer's webhook, wait 5 s, try 3 times in
 * all with the very same request, check the answer the way WeChat checks it, and show the fan what WeChat would show.
 * @module
 */
import { buildPush, checkReply, pushCrypto, type PushKeys } from '../push/request.js';
import type { Reply } from '../replies/types.js';
import { isLive } from './platform/media-store.js';
import type { ChatEntry, EmulatorState, PushRecord } from './state.js';

/** What the fan sees when the push fails or the answer is invalid: WeChat's own wording. */
export const SERVICE_UNAVAILABLE_NOTICE = '该公众号暂时无法提供服务，请稍后再试';
/** WeChat waits this long for an answer before it drops the connection. */
export const DEFAULT_PUSH_TIMEOUT_MS = 5000;
/** WeChat tries a push this many times in total. */
export const PUSH_ATTEMPTS = 3;

/**
 * Events that are notifications to the developer: WeChat shows the fan nothing, whatever the answer
 * (job results, subscription-message results, a fan who has just left).
 */
const SILENT_EVENTS = new Set([
  'event.unsubscribe',
  'event.TEMPLATESENDJOBFINISH',
  'event.MASSSENDJOBFINISH',
  'event.PUBLISHJOBFINISH',
  'event.subscribe_msg_popup_event',
  'event.subscribe_msg_change_event',
  'event.subscribe_msg_sent_event',
]);

/** Settings of the pusher. */
export interface PushOptions {
  /** Per-attempt timeout; default 5000 ms (shorten it in tests). */
  pushTimeoutMs?: number | undefined;
  /** Injected for tests; default the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** The emulator's own origin, for relative webhook URLs (`/wx`) and media links; set once it listens. */
  origin?: (() => string | undefined) | undefined;
}

/** The result of one push: the record the developer panel shows and the chat entries the fan got. */
export interface PushOutcome {
  record: PushRecord;
  /** The reply (or the service notice) added to the fan's chat; empty for `success` or silent events. */
  entries: ChatEntry[];
}

/** Sends one message to the developer's webhook. `kind` is `text`, `event.CLICK`, … */
export type Pusher = (openid: string, messageXml: string, kind: string) => Promise<PushOutcome>;

type Attempt = PushRecord['attempts'][number];

/** `fetch failed` hides the reason in `cause`; the developer needs the real one (ECONNREFUSED, …). */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause.message : undefined;
  return cause ? `${err.message}: ${cause}` : err.message;
}

async function attempt(
  doFetch: typeof fetch,
  url: string,
  body: string,
  timeoutMs: number,
): Promise<Attempt> {
  const at = Date.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // Content-type as WeChat sends it; the body and query are the same bytes on every attempt.
    const res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', 'user-agent': 'Mozilla/4.0 (wxmp emulator)' },
      body,
      signal: controller.signal,
      // WeChat does not follow redirects: a 3xx is the webhook's answer, and not a 200.
      redirect: 'manual',
    });
    const text = await res.text();
    return { at, status: res.status, ms: Date.now() - at, body: text };
  } catch (err) {
    const timedOut = controller.signal.aborted;
    return {
      at,
      ms: Date.now() - at,
      error: timedOut ? `no answer within ${timeoutMs} ms (timeout)` : describeError(err),
    };
  } finally {
    clearTimeout(timer);
  }
}

function resolveUrl(webhookUrl: string, origin: string | undefined): string | undefined {
  if (/^https?:\/\//i.test(webhookUrl)) return webhookUrl;
  return origin === undefined ? undefined : new URL(webhookUrl, origin).href;
}

/**
 * The emulator's path of a stored media file (what the page shows and PicUrl points at).
 *
 * @example
 * ```ts
 * mediaPath('abc'); // '/__emulator/media/abc'
 * ```
 */
export function mediaPath(mediaId: string): string {
  return `/__emulator/media/${encodeURIComponent(mediaId)}`;
}

/**
 * A media_id in a reply must be uploaded first, and temporary media must not have expired (WeChat shows the service
 * notice otherwise, as its API answers 40007).
 */
function missingMedia(state: EmulatorState, reply: Reply): string | undefined {
  const ids =
    reply.type === 'image' || reply.type === 'voice' || reply.type === 'video'
      ? [reply.mediaId]
      : reply.type === 'music'
        ? [reply.thumbMediaId]
        : [];
  for (const id of ids) {
    const media = state.media.get(id);
    if (media === undefined)
      return `media_id "${id}" is not uploaded (upload it with /cgi-bin/media/upload or add_material first)`;
    if (!isLive(state, media))
      return `media_id "${id}" has expired (temporary media last 3 days: upload it again, or use add_material)`;
  }
  return undefined;
}

/** Turns a valid reply into what the fan's chat shows. */
function replyEntry(
  reply: Reply,
): { msgType: string; payload: Record<string, unknown>; via: ChatEntry['via'] } | undefined {
  switch (reply.type) {
    case 'success':
    case 'empty':
      return undefined;
    case 'text':
      return { via: 'reply', msgType: 'text', payload: { content: reply.content } };
    case 'image':
    case 'voice':
      return {
        via: 'reply',
        msgType: reply.type,
        payload: { mediaId: reply.mediaId, url: mediaPath(reply.mediaId) },
      };
    case 'video': {
      const { type: _type, ...video } = reply;
      return { via: 'reply', msgType: 'video', payload: { ...video, url: mediaPath(reply.mediaId) } };
    }
    case 'music': {
      const { type: _type, ...music } = reply;
      return {
        via: 'reply',
        msgType: 'music',
        payload: { ...music, thumbUrl: mediaPath(reply.thumbMediaId) },
      };
    }
    case 'news':
      return { via: 'reply', msgType: 'news', payload: { articles: reply.articles } };
    case 'transfer_customer_service':
      return {
        via: 'system',
        msgType: 'transfer_customer_service',
        payload: {
          content: `消息已转给客服${reply.kfAccount ? ` ${reply.kfAccount}` : ''} (transfer_customer_service)`,
        },
      };
  }
}

/**
 * Creates the function that pushes a message to `state.account.webhookUrl`, records it (`state.addPush`) and puts
 * the outcome in the fan's chat.
 *
 * @example
 * ```ts
 * const push = createPusher(state, { pushTimeoutMs: 200 });
 * const { record } = await push('oFan', inbound.text({ to: state.account.ghId, from: 'oFan' }, 'hi'), 'text');
 * console.log(record.verdict);
 * ```
 */
export function createPusher(state: EmulatorState, options: PushOptions = {}): Pusher {
  const timeoutMs = options.pushTimeoutMs ?? DEFAULT_PUSH_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;

  return async function push(openid, messageXml, kind) {
    const account = state.account;
    const keys: PushKeys = {
      token: account.token,
      mode: account.mode,
      appId: account.appId,
      encodingAESKey: account.encodingAESKey,
    };
    const crypto = pushCrypto(keys);
    const request = buildPush(messageXml, keys, { crypto });
    const record: PushRecord = {
      id: state.id('push'),
      openid,
      kind,
      mode: account.mode,
      messageXml,
      requestBody: request.body,
      requestQuery: request.search,
      attempts: [],
      verdict: { ok: false, reason: 'not sent' },
      at: state.now(),
    };

    const target = account.webhookUrl ? resolveUrl(account.webhookUrl, options.origin?.()) : undefined;
    if (!target) {
      record.verdict = {
        ok: false,
        reason: account.webhookUrl
          ? `webhook URL "${account.webhookUrl}" is relative and the emulator is not listening yet`
          : 'no webhook URL is configured (set it in the settings box, or start with --webhook URL)',
      };
    } else {
      const url = `${target}${target.includes('?') ? `&${request.search.slice(1)}` : request.search}`;
      // Retries only when nothing came back (timeout, connection error): an answer, even a bad one, is final.
      for (let i = 0; i < PUSH_ATTEMPTS; i += 1) {
        const result = await attempt(doFetch, url, request.body, timeoutMs);
        record.attempts.push(result);
        if (result.error === undefined) break;
      }
      const last = record.attempts.at(-1)!;
      if (last.error !== undefined) {
        record.verdict = {
          ok: false,
          reason: `${PUSH_ATTEMPTS} attempts failed, WeChat gives up: ${last.error}`,
        };
      } else {
        const verdict = checkReply(last.status ?? 0, last.body ?? '', {
          keys,
          crypto,
          fan: openid,
          account: account.ghId,
          answersUserMessage: !kind.startsWith('event.'),
        });
        if (verdict.xml !== undefined) record.replyXml = verdict.xml;
        const missing = verdict.ok ? missingMedia(state, verdict.reply) : undefined;
        record.verdict =
          verdict.ok && missing === undefined
            ? { ok: true }
            : { ok: false, reason: verdict.ok ? missing! : verdict.reason };
        if (verdict.ok && missing === undefined) return finish(record, replyEntry(verdict.reply));
      }
    }
    // The fan sees only WeChat's notice; the page links it to the push record, where the reason is.
    return finish(record, {
      via: 'system',
      msgType: 'system',
      payload: { content: SERVICE_UNAVAILABLE_NOTICE, pushId: record.id },
    });
  };

  function finish(record: PushRecord, shown: ReturnType<typeof replyEntry>): PushOutcome {
    state.addPush(record);
    if (shown === undefined || SILENT_EVENTS.has(record.kind) || !state.fans.has(record.openid))
      return { record, entries: [] };
    const entry = state.addChat({ openid: record.openid, direction: 'out', ...shown });
    return { record, entries: [entry] };
  }
}
