/**
 * The push, as WeChat does it: sign (and encrypt) a message for the developer's webhook, wait 5 s, try 3 times in
 * all with the very same request, check the answer the way WeChat checks it (`push-reply.ts`), and show the fan
 * what WeChat would show. The clock and the timer are options, so a test of the retries waits no real seconds.
 * @module
 */
import type { MessageCrypto } from '../crypto/message-crypto.js';
import { buildPush, pushCrypto, type PushKeys, type PushRequest } from '../push/request.js';
import { judgeAnswer, serviceNotice, type ShownEntry } from './push-reply.js';
import type { EmulatorState } from './state.js';
import type { EmulatedAccount, PushOutcome, PushRecord } from './world.js';

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

/**
 * Starts a timer: calls `onTimeout` after `ms` and returns the function that cancels it.
 *
 * @example
 * ```ts
 * let fire = () => {};
 * const timer: PushTimer = (onTimeout) => {
 *   fire = onTimeout;
 *   return () => (fire = () => {});
 * };
 * const push = createPusher(state, { setTimer: timer }); // a test calls fire() to time the attempt out
 * ```
 */
export type PushTimer = (onTimeout: () => void, ms: number) => () => void;

/** Settings of the pusher. */
export interface PushOptions {
  /** Per-attempt timeout; default 5000 ms (shorten it in tests). */
  pushTimeoutMs?: number | undefined;
  /** Injected for tests; default the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** The emulator's own origin, for relative webhook URLs (`/wx`) and media links; set once it listens. */
  origin?: (() => string | undefined) | undefined;
  /** Clock in ms for the attempts' times and latencies; default `Date.now`. */
  now?: (() => number) | undefined;
  /** The per-attempt timer; default `setTimeout`. A test passes its own and fires it when it wants a timeout. */
  setTimer?: PushTimer | undefined;
}

/** Sends one message to the developer's webhook. `kind` is `text`, `event.CLICK`, … */
export type Pusher = (openid: string, messageXml: string, kind: string) => Promise<PushOutcome>;

type Attempt = PushRecord['attempts'][number];

/** The options with every default filled in. */
interface PushSettings {
  timeoutMs: number;
  fetch: typeof fetch;
  origin: () => string | undefined;
  now: () => number;
  setTimer: PushTimer;
}

const realTimer: PushTimer = (onTimeout, ms) => {
  const timer = setTimeout(onTimeout, ms);
  return () => clearTimeout(timer);
};

function settingsOf(options: PushOptions): PushSettings {
  return {
    timeoutMs: options.pushTimeoutMs ?? DEFAULT_PUSH_TIMEOUT_MS,
    fetch: options.fetch ?? fetch,
    origin: options.origin ?? (() => undefined),
    now: options.now ?? Date.now,
    setTimer: options.setTimer ?? realTimer,
  };
}

/** `fetch failed` hides the reason in `cause`; the developer needs the real one (ECONNREFUSED, …). */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause.message : undefined;
  return cause ? `${err.message}: ${cause}` : err.message;
}

/** One attempt: the answer (any status), or the error when none came within the timeout. */
async function attempt(settings: PushSettings, url: string, body: string): Promise<Attempt> {
  const at = settings.now();
  const controller = new AbortController();
  const cancel = settings.setTimer(() => controller.abort(), settings.timeoutMs);
  try {
    // Content-type as WeChat sends it; the body and query are the same bytes on every attempt.
    const res = await settings.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', 'user-agent': 'Mozilla/4.0 (wxmp emulator)' },
      body,
      signal: controller.signal,
      // WeChat does not follow redirects: a 3xx is the webhook's answer, and not a 200.
      redirect: 'manual',
    });
    const text = await res.text();
    return { at, status: res.status, ms: settings.now() - at, body: text };
  } catch (err) {
    const error = controller.signal.aborted
      ? `no answer within ${settings.timeoutMs} ms (timeout)`
      : describeError(err);
    return { at, ms: settings.now() - at, error };
  } finally {
    cancel();
  }
}

/** Retries only when nothing came back (timeout, connection error): an answer, even a bad one, is final. */
async function attemptAll(settings: PushSettings, url: string, body: string): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  for (let i = 0; i < PUSH_ATTEMPTS; i += 1) {
    const result = await attempt(settings, url, body);
    attempts.push(result);
    if (result.error === undefined) break;
  }
  return attempts;
}

/** The URL to post to (the signed query appended), or why there is none. */
function targetUrl(
  account: EmulatedAccount,
  origin: string | undefined,
  search: string,
): { url: string } | { reason: string } {
  const webhookUrl = account.webhookUrl;
  if (!webhookUrl)
    return {
      reason: 'no webhook URL is configured (set it in the settings box, or start with --webhook URL)',
    };
  const absolute = /^https?:\/\//i.test(webhookUrl);
  if (!absolute && origin === undefined)
    return { reason: `webhook URL "${webhookUrl}" is relative and the emulator is not listening yet` };
  const target = absolute ? webhookUrl : new URL(webhookUrl, origin).href;
  return { url: `${target}${target.includes('?') ? `&${search.slice(1)}` : search}` };
}

/** The signed (and sealed) request, its keys, and the record the developer panel shows for it. */
function preparePush(
  state: EmulatorState,
  openid: string,
  messageXml: string,
  kind: string,
): { record: PushRecord; request: PushRequest; keys: PushKeys; crypto: MessageCrypto | undefined } {
  const { token, mode, appId, encodingAESKey } = state.account;
  const keys: PushKeys = { token, mode, appId, encodingAESKey };
  const crypto = pushCrypto(keys);
  const request = buildPush(messageXml, keys, { crypto });
  const record: PushRecord = {
    id: state.id('push'),
    openid,
    kind,
    mode,
    messageXml,
    requestBody: request.body,
    requestQuery: request.search,
    attempts: [],
    verdict: { ok: false, reason: 'not sent' },
    at: state.now(),
  };
  return { record, request, keys, crypto };
}

/** Records the push, and puts what the fan sees into their chat (nothing for notifications or a vanished fan). */
function finish(state: EmulatorState, record: PushRecord, shown: ShownEntry | undefined): PushOutcome {
  state.addPush(record);
  if (shown === undefined || SILENT_EVENTS.has(record.kind) || !state.fans.has(record.openid))
    return { record, entries: [] };
  const entry = state.addChat({ openid: record.openid, direction: 'out', ...shown });
  return { record, entries: [entry] };
}

async function push(
  state: EmulatorState,
  settings: PushSettings,
  openid: string,
  messageXml: string,
  kind: string,
): Promise<PushOutcome> {
  const { record, request, keys, crypto } = preparePush(state, openid, messageXml, kind);
  const target = targetUrl(state.account, settings.origin(), request.search);
  if ('reason' in target) {
    record.verdict = { ok: false, reason: target.reason };
    // The fan sees only WeChat's notice; the page links it to the push record, where the reason is.
    return finish(state, record, serviceNotice(record.id));
  }
  record.attempts = await attemptAll(settings, target.url, request.body);
  const last = record.attempts.at(-1)!;
  if (last.error !== undefined) {
    record.verdict = {
      ok: false,
      reason: `${PUSH_ATTEMPTS} attempts failed, WeChat gives up: ${last.error}`,
    };
    return finish(state, record, serviceNotice(record.id));
  }
  const shown = judgeAnswer(state, record, { keys, crypto, answersUserMessage: !kind.startsWith('event.') });
  return finish(state, record, shown);
}

/**
 * Creates the function that pushes a message to `state.account.webhookUrl`, records it (`state.addPush`) and puts
 * the outcome in the fan's chat.
 *
 * @example
 * ```ts
 * import { inbound } from 'wxmp/push';
 * const push = createPusher(state, { pushTimeoutMs: 200 });
 * const { record } = await push('oFan', inbound.text({ to: state.account.ghId, from: 'oFan' }, 'hi'), 'text');
 * console.log(record.verdict);
 * ```
 */
export function createPusher(state: EmulatorState, options: PushOptions = {}): Pusher {
  const settings = settingsOf(options);
  return (openid, messageXml, kind) => push(state, settings, openid, messageXml, kind);
}
