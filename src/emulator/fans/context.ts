/**
 * What every fan action is made of: finding the fan, the message's parties, the fan's own bubble and its push, an
 * event push, a system note in the chat, and sending a photo (a message of its own, and the tail of `pic_*` taps).
 * @module
 */
import { inbound, type Parties } from '../../push/inbound.js';
import { recordActivity } from '../activity.js';
import type { XmlInputElement } from '../../xml/build.js';
import type { ChatContent, ChatEntry } from '../chat-entry.js';
import type { Pusher } from '../push.js';
import type { EmulatorState } from '../state.js';
import type { Fan, PushOutcome } from '../world.js';
import { FanActionError } from './action-error.js';
import type { ActionResult, FanFile } from './action-types.js';
import { storeFanFile } from './files.js';

/** The building blocks of the fan actions, bound to one state and pusher. */
export interface FanActionContext {
  state: EmulatorState;
  /** The fan, or a 404; a 409 when `mustFollow` (the default) and the fan does not follow. */
  fanOf: (openid: string, mustFollow?: boolean) => Fan;
  parties: (fan: Fan) => Parties;
  /** A fan's message: their bubble first (the page shows it at once), then the push. */
  message: (fan: Fan, content: ChatContent, xml: string) => Promise<ActionResult>;
  /** Pushes an event; `opensWindow` for those that open the customer-service window. */
  event: (fan: Fan, name: string, fields?: XmlInputElement, opensWindow?: boolean) => Promise<PushOutcome>;
  /** A system line in the fan's chat ("你关注了…"); WeChat pushes nothing for it. */
  note: (fan: Fan, content: string, direction?: ChatEntry['direction']) => ChatEntry;
  sendImage: (fan: Fan, file: FanFile) => Promise<ActionResult>;
}

/** What the building blocks work on. */
interface Deps {
  state: EmulatorState;
  push: Pusher;
  origin: () => string | undefined;
}

function findFan(state: EmulatorState, openid: string, mustFollow = true): Fan {
  const fan = state.fans.get(openid);
  if (!fan)
    throw new FanActionError(404, `no fan with openid "${openid}" (create one with POST /__emulator/fans)`);
  if (mustFollow && !fan.following)
    throw new FanActionError(409, `${fan.nickname} does not follow the account: follow it first`);
  return fan;
}

function partiesOf(state: EmulatorState, fan: Fan): Parties {
  return { to: state.account.ghId, from: fan.openid, createTime: Math.floor(Date.now() / 1000) };
}

/** Records, for the statistics, how the developer's server answered a push (nothing when none was attempted). */
function recordReply(state: EmulatorState, outcome: PushOutcome): PushOutcome {
  const { attempts, verdict } = outcome.record;
  if (attempts.length > 0) {
    const ms = attempts.reduce((sum, a) => sum + a.ms, 0);
    recordActivity(state, { kind: 'reply', at: state.now(), ms, ok: verdict.ok });
  }
  return outcome;
}

async function sendMessage(deps: Deps, fan: Fan, content: ChatContent, xml: string): Promise<ActionResult> {
  fan.lastMessageAt = deps.state.now();
  const entry = deps.state.addChat({ openid: fan.openid, direction: 'in', via: 'fan', ...content });
  recordActivity(deps.state, {
    kind: 'message',
    at: deps.state.now(),
    openid: fan.openid,
    msgType: content.msgType,
  });
  return {
    sent: [entry],
    pushes: [recordReply(deps.state, await deps.push(fan.openid, xml, content.msgType))],
  };
}

async function pushEvent(
  deps: Deps,
  fan: Fan,
  name: string,
  fields: XmlInputElement = {},
  opensWindow = false,
): Promise<PushOutcome> {
  // Menu clicks, scans and follows open the customer-service "3 messages in 1 minute" window; other events do not.
  if (opensWindow) fan.lastEventAt = deps.state.now();
  const xml = inbound.event(partiesOf(deps.state, fan), name, fields);
  return recordReply(deps.state, await deps.push(fan.openid, xml, `event.${name}`));
}

function addNote(
  state: EmulatorState,
  fan: Fan,
  content: string,
  direction: ChatEntry['direction'] = 'in',
): ChatEntry {
  return state.addChat({
    openid: fan.openid,
    direction,
    via: 'system',
    msgType: 'system',
    payload: { content },
  });
}

async function sendImage(deps: Deps, fan: Fan, file: FanFile): Promise<ActionResult> {
  const image = storeFanFile(deps.state, 'image', file);
  // PicUrl is absolute, as WeChat's: the developer's server may download it.
  const picUrl = `${deps.origin() ?? ''}${image.url}`;
  const xml = inbound.image(partiesOf(deps.state, fan), { picUrl, mediaId: image.mediaId });
  return sendMessage(deps, fan, { msgType: 'image', payload: image }, xml);
}

/**
 * Binds the building blocks of the fan actions to a state and a pusher.
 *
 * @example
 * ```ts
 * import { createPusher } from '../push.js';
 * const context = fanActionContext(state, createPusher(state));
 * const fan = context.fanOf('oWxmpDefaultFan000000000001');
 * const { record, entries } = await context.event(fan, 'CLICK', { EventKey: 'V1001' }, true);
 * ```
 */
export function fanActionContext(
  state: EmulatorState,
  push: Pusher,
  options: { origin?: () => string | undefined } = {},
): FanActionContext {
  const deps: Deps = { state, push, origin: options.origin ?? (() => undefined) };
  return {
    state,
    fanOf: (openid, mustFollow) => findFan(state, openid, mustFollow),
    parties: (fan) => partiesOf(state, fan),
    message: (fan, content, xml) => sendMessage(deps, fan, content, xml),
    event: (fan, name, fields, opensWindow) => pushEvent(deps, fan, name, fields, opensWindow),
    note: (fan, content, direction) => addNote(state, fan, content, direction),
    sendImage: (fan, file) => sendImage(deps, fan, file),
  };
}
