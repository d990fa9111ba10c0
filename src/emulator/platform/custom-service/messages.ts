/**
 * Customer-service messages (reference §9.4): every msgtype appended to the fan's chat, within WeChat's window —
 * 5 messages in the 48 hours after the fan's last message, 3 in the minute after a menu click, follow or scan
 * (`fan.lastMessageAt` / `fan.lastEventAt`, set by the fan side). Outside any window 45015, quota used up 45047.
 * @module
 */
import type { EmulatorState } from '../../state.js';
import type { Fan } from '../../world.js';
import type { Handlers } from '../core/handler.js';
import { customServiceContent, messageLookup } from '../core/message-content.js';
import { fail, OK } from '../core/respond.js';

/** How long after a fan's message the account may answer. */
export const MESSAGE_WINDOW_MS = 48 * 3600_000;
/** Messages allowed in that window. */
export const MESSAGE_QUOTA = 5;
/** How long after a click, follow or scan the account may answer. */
export const EVENT_WINDOW_MS = 60_000;
/** Messages allowed in that window. */
export const EVENT_QUOTA = 3;
/** How long the typing indicator shows without a message. */
export const TYPING_MS = 15_000;

/**
 * Whether the account may send a customer-service message to a fan now: 0, 45015 (no window open) or 45047
 * (the open windows' quotas are used up). `sent` holds the times (ms) of earlier customer-service messages.
 *
 * @example
 * ```ts
 * const now = Date.now();
 * customServiceVerdict({ lastMessageAt: now - 1000 }, [], now); // 0
 * customServiceVerdict({ lastEventAt: now - 61_000 }, [], now); // 45015
 * ```
 */
export function customServiceVerdict(
  fan: Pick<Fan, 'lastMessageAt' | 'lastEventAt'>,
  sent: readonly number[],
  now: number,
): 0 | 45015 | 45047 {
  let open = false;
  const windows = [
    [fan.lastMessageAt, MESSAGE_WINDOW_MS, MESSAGE_QUOTA],
    [fan.lastEventAt, EVENT_WINDOW_MS, EVENT_QUOTA],
  ] as const;
  for (const [since, length, quota] of windows) {
    if (since === undefined || now - since >= length) continue;
    open = true;
    if (sent.filter((at) => at >= since).length < quota) return 0;
  }
  return open ? 45047 : 45015;
}

function sentLog(state: EmulatorState, openid: string): number[] {
  const log = state.slot<Record<string, number[]>>('customServiceSent', () => ({}));
  // Only the last 48 hours can count against a window.
  const recent = (log[openid] ?? []).filter((at) => state.now() - at < MESSAGE_WINDOW_MS);
  log[openid] = recent;
  return recent;
}

type TypingSlot = Record<string, { command: string; at: number }>;

/** The last typing command per fan (slot `typing`). */
function typingSlot(state: EmulatorState): TypingSlot {
  return state.slot<TypingSlot>('typing', () => ({}));
}

/**
 * Whether the account shows "typing…" to a fan (message/custom/typing), for the phone page.
 *
 * @example
 * ```ts
 * if (isTyping(state, 'oFan1')) console.log('typing…');
 * ```
 */
export function isTyping(state: EmulatorState, openid: string): boolean {
  const typing = typingSlot(state)[openid];
  return typing !== undefined && typing.command === 'Typing' && state.now() - typing.at < TYPING_MS;
}

function recipient(state: EmulatorState, touser: unknown): Fan {
  const fan = typeof touser === 'string' ? state.fans.get(touser) : undefined;
  if (fan === undefined) fail(40003);
  if (!fan.following) fail(45015);
  return fan;
}

/**
 * The handlers of message/custom/send and message/custom/typing.
 *
 * @example
 * ```ts
 * Object.keys(customServiceMessageHandlers); // ['customService.send', 'customService.typing']
 * ```
 */
export const customServiceMessageHandlers: Handlers = {
  'customService.send': ({ state, body, origin }) => {
    const fan = recipient(state, body['touser']);
    const content = customServiceContent(body, messageLookup(state, origin));
    const sent = sentLog(state, fan.openid);
    const verdict = customServiceVerdict(fan, sent, state.now());
    if (verdict !== 0) fail(verdict);
    sent.push(state.now());
    // The message ends "typing…", as on the phone.
    delete typingSlot(state)[fan.openid];
    const kf = (body['customservice'] as { kf_account?: unknown } | undefined)?.kf_account;
    state.addChat({
      openid: fan.openid,
      direction: 'out',
      via: 'customer-service',
      ...(typeof kf === 'string' ? { kfAccount: kf } : {}),
      ...content,
    });
    return OK;
  },
  'customService.typing': ({ state, body }) => {
    const fan = recipient(state, body['touser']);
    const command = body['command'];
    if (command !== 'Typing' && command !== 'CancelTyping') fail(40035);
    if (customServiceVerdict(fan, [], state.now()) === 45015) fail(45015);
    typingSlot(state)[fan.openid] = { command, at: state.now() };
    state.emit('typing', fan.openid, command === 'Typing');
    return OK;
  },
};
