/**
 * The fan's side: what a WeChat user can do in the chat with the account, each turned into the push WeChat would
 * send (and into the fan's own chat bubble where WeChat shows one).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { inbound, type Parties } from '../push/inbound.js';
import { cdata, type XmlInputElement } from '../xml/build.js';
import { fileBytes, md5Hex, PLACEHOLDER_THUMB, storeFanFile, type FanFile } from './media.js';
import { findQrScene, menuFor, type MenuButton } from './platform-bridge.js';
import { mediaPath, type PushOutcome, type Pusher } from './push.js';
import type { ChatEntry, EmulatorState, Fan } from './state.js';

/** The fan every emulator starts with (already following), so `npm start` can chat at once. */
export const DEFAULT_FAN = { openid: 'oWxmpDefaultFan000000000001', nickname: '小明' } as const;

/**
 * A fan action that cannot happen (unknown fan, not following, …), with the HTTP status the route answers.
 *
 * @example
 * ```ts
 * try { await fans.text(openid, 'hi'); } catch (err) { if (err instanceof FanActionError) console.log(err.status); }
 * ```
 */
export class FanActionError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'FanActionError';
  }
}

/** What an action did: the fan's own chat entries and each push with the reply (or notice) it produced. */
export interface ActionResult {
  sent: ChatEntry[];
  pushes: PushOutcome[];
  /** For menu buttons that open something: the page to open (VIEW) or the sub-menu's names (parent button). */
  opened?: { url?: string; subMenu?: string[]; miniprogram?: { appid: string; pagepath: string } };
}

/** A WeChat-looking openid: `o` and 27 URL-safe characters. */
function newOpenid(): string {
  return `o${randomBytes(21).toString('base64url').slice(0, 27)}`;
}

/**
 * Adds a fan to the world (not following unless asked).
 *
 * @example
 * ```ts
 * const fan = createFan(state, { nickname: '小红', following: true });
 * ```
 */
export function createFan(
  state: EmulatorState,
  input: {
    openid?: string | undefined;
    nickname?: string | undefined;
    following?: boolean | undefined;
    language?: string | undefined;
  } = {},
): Fan {
  const openid = input.openid ?? newOpenid();
  if (state.fans.has(openid)) throw new FanActionError(409, `fan ${openid} already exists`);
  const following = input.following ?? false;
  const fan: Fan = {
    openid,
    nickname: input.nickname ?? `用户${state.fans.size + 1}`,
    following,
    subscribeTime: following ? Math.floor(state.now() / 1000) : 0,
    subscribeScene: following ? 'ADD_SCENE_SEARCH' : '',
    qrScene: 0,
    qrSceneStr: '',
    remark: '',
    language: input.language ?? 'zh_CN',
    tagIds: [],
    blacklisted: false,
  };
  state.fans.set(openid, fan);
  state.emit('change', 'fans');
  return fan;
}

/**
 * Makes sure the default fan exists (following), so a fresh emulator can chat at once.
 *
 * @example
 * ```ts
 * ensureDefaultFan(state).openid; // 'oWxmpDefaultFan000000000001'
 * ```
 */
export function ensureDefaultFan(state: EmulatorState): Fan {
  return state.fans.get(DEFAULT_FAN.openid) ?? createFan(state, { ...DEFAULT_FAN, following: true });
}

/** Which button a tap hits: a path of indexes (`[1, 0]`: second top button, first sub-button) or a key. */
export type MenuTarget = { path: number[] } | { key: string };

/** What some menu buttons ask the fan for first. */
export interface MenuInput {
  /** scancode_push / scancode_waitmsg: the scanned text. */
  scanResult?: string | undefined;
  scanType?: string | undefined;
  /** pic_sysphoto / pic_photo_or_album / pic_weixin: the photo. */
  photo?: FanFile | undefined;
  /** location_select: the chosen place. */
  location?:
    | {
        latitude: number;
        longitude: number;
        scale?: number | undefined;
        label?: string | undefined;
        poiname?: string | undefined;
      }
    | undefined;
}

function findButton(buttons: MenuButton[], target: MenuTarget): MenuButton | undefined {
  if ('path' in target) {
    const [top, sub] = target.path;
    const parent = top === undefined ? undefined : buttons[top];
    return sub === undefined ? parent : parent?.sub_button?.[sub];
  }
  for (const button of buttons) {
    if (button.key === target.key) return button;
    const child = button.sub_button?.find((b) => b.key === target.key);
    if (child) return child;
  }
  return undefined;
}

/** Every fan action; each returns once WeChat would be done with the push (the reply is in the chat). */
export interface FanActions {
  /** `bizMsgMenuId`: the fan tapped an item of a customer-service `msgmenu` message. */
  text(
    openid: string,
    content: string,
    options?: { bizMsgMenuId?: string | undefined },
  ): Promise<ActionResult>;
  image(openid: string, file: FanFile): Promise<ActionResult>;
  voice(openid: string, file: FanFile): Promise<ActionResult>;
  video(openid: string, file: FanFile, thumb?: FanFile): Promise<ActionResult>;
  location(
    openid: string,
    place: { latitude: number; longitude: number; scale?: number | undefined; label?: string | undefined },
  ): Promise<ActionResult>;
  link(
    openid: string,
    link: { title: string; description?: string | undefined; url: string },
  ): Promise<ActionResult>;
  menu(openid: string, target: MenuTarget, input?: MenuInput): Promise<ActionResult>;
  follow(openid: string): Promise<ActionResult>;
  unfollow(openid: string): Promise<ActionResult>;
  scan(openid: string, ticket: string): Promise<ActionResult>;
  reportLocation(
    openid: string,
    where: { latitude: number; longitude: number; precision?: number | undefined },
  ): Promise<ActionResult>;
}

/**
 * Creates the fan actions on a state and a pusher.
 *
 * @example
 * ```ts
 * const fans = createFanActions(state, push);
 * const { pushes } = await fans.text('oWxmpDefaultFan000000000001', 'hello');
 * pushes[0]?.entries[0]?.payload; // { content: 'hello' } from an echo bot
 * ```
 */
export function createFanActions(
  state: EmulatorState,
  push: Pusher,
  options: { origin?: () => string | undefined } = {},
): FanActions {
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
  const touched = () => state.emit('change', 'fans');

  /** A fan's message: their bubble first (the page shows it at once), then the push. */
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

  async function tapMenu(openid: string, target: MenuTarget, input: MenuInput = {}): Promise<ActionResult> {
    const fan = fanOf(openid);
    const menu = menuFor(state, fan.openid);
    if (!menu)
      throw new FanActionError(404, 'the account has no menu (create one with /cgi-bin/menu/create)');
    const button = findButton(menu.button, target);
    if (!button) throw new FanActionError(404, `no menu button at ${JSON.stringify(target)}`);
    // A parent only opens its sub-menu: WeChat pushes nothing.
    if (button.sub_button)
      return { sent: [], pushes: [], opened: { subMenu: button.sub_button.map((b) => b.name) } };
    const key = button.key ?? '';
    const menuId = menu.conditional ? { MenuId: menu.menuid } : {};
    switch (button.type) {
      case 'click':
        return { sent: [], pushes: [await event(fan, 'CLICK', { EventKey: key }, true)] };
      case 'view':
        return {
          sent: [],
          pushes: [await event(fan, 'VIEW', { EventKey: button.url ?? '', ...menuId })],
          opened: { url: button.url ?? '' },
        };
      case 'miniprogram': {
        const pagepath = button.pagepath ?? '';
        const pushed = await event(fan, 'view_miniprogram', { EventKey: pagepath, ...menuId });
        return {
          sent: [],
          pushes: [pushed],
          opened: { miniprogram: { appid: button.appid ?? '', pagepath } },
        };
      }
      case 'scancode_push':
      case 'scancode_waitmsg': {
        if (input.scanResult === undefined)
          throw new FanActionError(400, `${button.type} needs scanResult (what the camera read)`);
        const info = { ScanType: input.scanType ?? 'qrcode', ScanResult: input.scanResult };
        return {
          sent: [],
          pushes: [await event(fan, button.type, { EventKey: key, ScanCodeInfo: info }, true)],
        };
      }
      case 'pic_sysphoto':
      case 'pic_photo_or_album':
      case 'pic_weixin': {
        if (!input.photo) throw new FanActionError(400, `${button.type} needs a photo`);
        const sum = md5Hex(fileBytes(input.photo));
        const info = { Count: 1, PicList: { item: [{ PicMd5Sum: sum }] } };
        const pushed = await event(fan, button.type, { EventKey: key, SendPicsInfo: info });
        // The photo itself reaches the developer as an ordinary image message, after the event.
        const sent = await sendImage(fan, input.photo);
        return { sent: sent.sent, pushes: [pushed, ...sent.pushes] };
      }
      case 'location_select': {
        const place = input.location;
        if (!place) throw new FanActionError(400, 'location_select needs a location');
        // The sample pushes carry these as CDATA text, so they are strings here.
        const info = {
          Location_X: String(place.latitude),
          Location_Y: String(place.longitude),
          Scale: String(place.scale ?? 15),
          Label: place.label ?? '',
          Poiname: place.poiname ?? '',
        };
        return {
          sent: [],
          pushes: [await event(fan, 'location_select', { EventKey: key, SendLocationInfo: info })],
        };
      }
      case 'media_id':
      case 'view_limited': {
        // WeChat delivers the material itself and pushes nothing.
        const media = state.media.get(button.media_id ?? '');
        const shown =
          media?.type === 'image'
            ? { msgType: 'image', payload: { mediaId: media.mediaId, url: mediaPath(media.mediaId) } }
            : undefined;
        const entry = shown
          ? state.addChat({ openid, direction: 'out', via: 'system', ...shown })
          : note(fan, `素材 ${button.media_id ?? ''} (${button.type}，不推送事件)`, 'out');
        return { sent: [entry], pushes: [] };
      }
      case 'article_id':
      case 'article_view_limited':
        return {
          sent: [note(fan, `打开已发布文章 ${button.article_id ?? ''} (${button.type}，不推送事件)`, 'out')],
          pushes: [],
        };
      default:
        throw new FanActionError(
          400,
          `menu button type "${button.type ?? '(none)'}" is not one WeChat knows`,
        );
    }
  }

  return {
    text: async (openid, content, options = {}) => {
      const fan = fanOf(openid);
      const xml = inbound.text(parties(fan), content);
      // WeChat adds the lower-case bizmsgmenuid to the text of a msgmenu tap.
      const tagged =
        options.bizMsgMenuId === undefined
          ? xml
          : xml.replace(/<\/xml>$/, `<bizmsgmenuid>${cdata(options.bizMsgMenuId)}</bizmsgmenuid></xml>`);
      return message(fan, 'text', { content }, tagged);
    },
    image: async (openid, file) => sendImage(fanOf(openid), file),
    voice: async (openid, file) => {
      const fan = fanOf(openid);
      const media = storeFanFile(state, 'voice', file);
      const ext = /\.(amr|speex|mp3|wav|m4a|ogg)$/i.exec(file.filename)?.[1]?.toLowerCase() ?? 'amr';
      const xml = inbound.voice(parties(fan), { mediaId: media.mediaId, format: ext });
      return message(
        fan,
        'voice',
        { mediaId: media.mediaId, url: mediaPath(media.mediaId), format: ext },
        xml,
      );
    },
    video: async (openid, file, thumb) => {
      const fan = fanOf(openid);
      const media = storeFanFile(state, 'video', file);
      const thumbMedia = storeFanFile(state, 'thumb', thumb ?? PLACEHOLDER_THUMB);
      const xml = inbound.video(parties(fan), { mediaId: media.mediaId, thumbMediaId: thumbMedia.mediaId });
      const payload = {
        mediaId: media.mediaId,
        url: mediaPath(media.mediaId),
        thumbMediaId: thumbMedia.mediaId,
        thumbUrl: mediaPath(thumbMedia.mediaId),
      };
      return message(fan, 'video', payload, xml);
    },
    location: async (openid, place) => {
      const fan = fanOf(openid);
      const xml = inbound.location(parties(fan), {
        latitude: place.latitude,
        longitude: place.longitude,
        scale: place.scale ?? 15,
        label: place.label ?? '',
      });
      return message(fan, 'location', { ...place, scale: place.scale ?? 15, label: place.label ?? '' }, xml);
    },
    link: async (openid, link) => {
      const fan = fanOf(openid);
      const xml = inbound.link(parties(fan), {
        title: link.title,
        description: link.description ?? '',
        url: link.url,
      });
      return message(
        fan,
        'link',
        { title: link.title, description: link.description ?? '', url: link.url },
        xml,
      );
    },
    menu: tapMenu,
    async follow(openid) {
      const fan = fanOf(openid, false);
      if (fan.following) throw new FanActionError(409, `${fan.nickname} already follows the account`);
      Object.assign(fan, {
        following: true,
        subscribeTime: Math.floor(state.now() / 1000),
        subscribeScene: 'ADD_SCENE_SEARCH',
        qrScene: 0,
        qrSceneStr: '',
      });
      touched();
      const sent = note(fan, `你关注了「${state.account.name}」`);
      return { sent: [sent], pushes: [await event(fan, 'subscribe', {}, true)] };
    },
    async unfollow(openid) {
      const fan = fanOf(openid);
      fan.following = false;
      touched();
      const sent = note(fan, `你取消关注了「${state.account.name}」`);
      return { sent: [sent], pushes: [await event(fan, 'unsubscribe')] };
    },
    async scan(openid, ticket) {
      const fan = fanOf(openid, false);
      const qr = findQrScene(state, ticket);
      if (!qr)
        throw new FanActionError(
          404,
          'unknown or expired QR ticket (create one with /cgi-bin/qrcode/create)',
        );
      if (fan.following) {
        return { sent: [], pushes: [await event(fan, 'SCAN', { EventKey: qr.scene, Ticket: ticket }, true)] };
      }
      Object.assign(fan, {
        following: true,
        subscribeTime: Math.floor(state.now() / 1000),
        subscribeScene: 'ADD_SCENE_QR_CODE',
        qrScene: qr.sceneId ?? 0,
        qrSceneStr: qr.sceneStr ?? '',
      });
      touched();
      const sent = note(fan, `你扫码关注了「${state.account.name}」`);
      return {
        sent: [sent],
        pushes: [await event(fan, 'subscribe', { EventKey: `qrscene_${qr.scene}`, Ticket: ticket }, true)],
      };
    },
    async reportLocation(openid, where) {
      const fan = fanOf(openid);
      const fields = {
        Latitude: where.latitude,
        Longitude: where.longitude,
        Precision: where.precision ?? 65,
      };
      return { sent: [], pushes: [await event(fan, 'LOCATION', fields)] };
    },
  };
}
