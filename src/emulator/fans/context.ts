/**
 * What every fan action is made of: finding the fan, the message's parties, the fan's own bubble and its push, an
 * event push, a system note in the chat, and sending a photo (a message of its own, and the tail of `pic_*` taps).
 * @module
 */
import { inbound, type Parties } from '../../push/inbound.js';
import type { XmlInputElement } from '../../xml/build.js';
import { storeFanFile, type FanFile } from '../media.js';
import { mediaPath, type PushOutcome, type Pusher } from '../push.js';
import type { ChatEntry, EmulatorState, Fan } from '../state.js';
import { FanActionError } from './action-error.js';
import type { ActionResult } from './action-types.js';

/** The building blocks of the fan actions, bound to one state and pusher. */
export interface FanActionContext {
  state: EmulatorState;
  /** The fan, or a 404; a 409 when `mustFollow` (the default) and the fan does not follow. */
  fanOf: (openid: string, mustFollow?: boolean) => Fan;
  parties: (fan: Fan) => Parties;
  /** A fan's message: their bubble first (the page shows it at once), then the push. */
  message: (
    fan: Fan,
    msgType: string,
    payload: Record<string, unknown>,
    xml: string,
  ) => Promise<ActionResult>;
  /** Pushes an event; `opensWindow` for those that open the customer-service window. */
  event: (fan: Fan, name: string, fields?: XmlInputElement, opensWindow?: boolean) => Promise<PushOutcome>;
  /** A system line in the fan's chat ("你关注了…"); WeChat pushes nothing for it. */
  note: (fan: Fan, content: string, direction?: ChatEntry['direction']) => ChatEntry;
  sendImage: (fan: Fan, file: FanFile) => Promise<ActionResult>;
}

/**
 * Binds the building blocks of the fan actions to a state and a pusher.
 *
 * @example
 * ```ts
 * const context = fanActionContext(state, push);
 * const { pushes } = await context.event(context.fanOf(openid), 'CLICK', { EventKey: 'V1001' }, true);
 * ```
 */
export function fanActionContext(
  state: EmulatorState,
  push: Pusher,
  options: { origin?: () => string | undefined } = {},
): FanActionContext {
  function fanOf(openid: string, mustFollow = true): Fan {
    const fan = state.fans.get(openid);
    if (!fan)
      throw new FanActionError(404, `no fan with openid "${openid}" (create one with POST /__emulator/fans)`);
    if (mustFollow && !fan.following)
      throw new FanActionError(409, `${fan.nickname} does not follow the account: follow it first`);
    return fan;
  }
  const parties = (fan: Fan): Parties => ({
    to: state.account.ghId,
    from: fan.openid,
    createTime: Math.floor(Date.now() / 1000),
  });

  async function message(
    fan: Fan,
    msgType: string,
    payload: Record<string, unknown>,
    xml: string,
  ): Promise<ActionResult> {
    fan.lastMessageAt = state.now();
    const entry = state.addChat({ openid: fan.openid, direction: 'in', via: 'fan', msgType, payload });
    return { sent: [entry], pushes: [await push(fan.openid, xml, msgType)] };
  }

  async function event(
    fan: Fan,
    name: string,
    fields: XmlInputElement = {},
    opensWindow = false,
  ): Promise<PushOutcome> {
    // Menu clicks, scans and follows open the customer-service "3 messages in 1 minute" window; other events do not.
    if (opensWindow) fan.lastEventAt = state.now();
    return push(fan.openid, inbound.event(parties(fan), name, fields), `event.${name}`);
  }

  function note(fan: Fan, content: string, direction: ChatEntry['direction'] = 'in'): ChatEntry {
    return state.addChat({
      openid: fan.openid,
      direction,
      via: 'system',
      msgType: 'system',
      payload: { content },
    });
  }

  async function sendImage(fan: Fan, file: FanFile): Promise<ActionResult> {
    const media = storeFanFile(state, 'image', file);
    const picUrl = mediaPath(media.mediaId);
    // PicUrl is absolute, as WeChat's: the developer's server may download it.
    const origin = options.origin?.() ?? '';
    const xml = inbound.image(parties(fan), { picUrl: `${origin}${picUrl}`, mediaId: media.mediaId });
    return message(fan, 'image', { mediaId: media.mediaId, url: picUrl }, xml);
  }

  return { state, fanOf, parties, message, event, note, sendImage };
}
