/**
 * A tap on a custom-menu button, by button type: the event WeChat pushes (CLICK, VIEW, scans, photos, a place…), or
 * nothing at all for a parent (it only opens its sub-menu) and for material or article buttons. One function per
 * kind of button, chosen from {@link TAPS}.
 * @module
 */
import { mediaPath } from '../platform/core/media-store.js';
import { menuForFan } from '../platform/menu.js';
import type { FanMenu, Fan, MenuButton } from '../world.js';
import { FanActionError } from './action-error.js';
import type { ActionResult, FanActions, MenuInput, MenuTarget } from './action-types.js';
import type { FanActionContext } from './context.js';
import { fileBytes, md5Hex } from './files.js';

/** What a tap handler gets: the fan, the button, what the fan gave, and the menu's id field for conditional menus. */
interface Tap {
  c: FanActionContext;
  fan: Fan;
  button: MenuButton;
  input: MenuInput;
  /** `{ MenuId }` when the fan sees a conditional menu (VIEW and mini-program events carry it). */
  menuId: { MenuId?: string };
}

type TapHandler = (tap: Tap) => Promise<ActionResult> | ActionResult;

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

/** The menu the fan sees, typed as the page draws it; a 404 when the account has none. */
function fanMenu(c: FanActionContext, fan: Fan): FanMenu {
  const menu = menuForFan(c.state, fan.openid);
  if (!menu) throw new FanActionError(404, 'the account has no menu (create one with /cgi-bin/menu/create)');
  return { ...menu, button: menu.button as MenuButton[] };
}

const pushedOnly = async (pushed: Promise<ActionResult['pushes'][number]>): Promise<ActionResult> => ({
  sent: [],
  pushes: [await pushed],
});

const click: TapHandler = ({ c, fan, button }) =>
  pushedOnly(c.event(fan, 'CLICK', { EventKey: button.key ?? '' }, true));

const view: TapHandler = async ({ c, fan, button, menuId }) => {
  const url = button.url ?? '';
  return { ...(await pushedOnly(c.event(fan, 'VIEW', { EventKey: url, ...menuId }))), opened: { url } };
};

const miniprogram: TapHandler = async ({ c, fan, button, menuId }) => {
  const pagepath = button.pagepath ?? '';
  const pushed = await pushedOnly(c.event(fan, 'view_miniprogram', { EventKey: pagepath, ...menuId }));
  return { ...pushed, opened: { miniprogram: { appid: button.appid ?? '', pagepath } } };
};

const scan: TapHandler = ({ c, fan, button, input }) => {
  const type = button.type ?? '';
  if (input.scanResult === undefined)
    throw new FanActionError(400, `${type} needs scanResult (what the camera read)`);
  const info = { ScanType: input.scanType ?? 'qrcode', ScanResult: input.scanResult };
  return pushedOnly(c.event(fan, type, { EventKey: button.key ?? '', ScanCodeInfo: info }, true));
};

const photo: TapHandler = async ({ c, fan, button, input }) => {
  const type = button.type ?? '';
  if (!input.photo) throw new FanActionError(400, `${type} needs a photo`);
  const info = { Count: 1, PicList: { item: [{ PicMd5Sum: md5Hex(fileBytes(input.photo)) }] } };
  const pushed = await c.event(fan, type, { EventKey: button.key ?? '', SendPicsInfo: info });
  // The photo itself reaches the developer as an ordinary image message, after the event.
  const sent = await c.sendImage(fan, input.photo);
  return { sent: sent.sent, pushes: [pushed, ...sent.pushes] };
};

const locationSelect: TapHandler = ({ c, fan, button, input }) => {
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
  return pushedOnly(c.event(fan, 'location_select', { EventKey: button.key ?? '', SendLocationInfo: info }));
};

// WeChat delivers the material itself and pushes nothing.
const material: TapHandler = ({ c, fan, button }) => {
  const media = c.state.media.get(button.media_id ?? '');
  const entry =
    media?.type === 'image'
      ? c.state.addChat({
          openid: fan.openid,
          direction: 'out',
          via: 'system',
          msgType: 'image',
          payload: { mediaId: media.mediaId, url: mediaPath(media.mediaId) },
        })
      : c.note(fan, `素材 ${button.media_id ?? ''} (${button.type}，不推送事件)`, 'out');
  return { sent: [entry], pushes: [] };
};

const article: TapHandler = ({ c, fan, button }) => ({
  sent: [c.note(fan, `打开已发布文章 ${button.article_id ?? ''} (${button.type}，不推送事件)`, 'out')],
  pushes: [],
});

/** What a tap does, by button type. */
const TAPS: Readonly<Record<string, TapHandler>> = {
  click,
  view,
  miniprogram,
  scancode_push: scan,
  scancode_waitmsg: scan,
  pic_sysphoto: photo,
  pic_photo_or_album: photo,
  pic_weixin: photo,
  location_select: locationSelect,
  media_id: material,
  view_limited: material,
  article_id: article,
  article_view_limited: article,
};

async function tapMenu(
  c: FanActionContext,
  openid: string,
  target: MenuTarget,
  input: MenuInput,
): Promise<ActionResult> {
  const fan = c.fanOf(openid);
  const menu = fanMenu(c, fan);
  const button = findButton(menu.button, target);
  if (!button) throw new FanActionError(404, `no menu button at ${JSON.stringify(target)}`);
  // A parent only opens its sub-menu: WeChat pushes nothing.
  if (button.sub_button)
    return { sent: [], pushes: [], opened: { subMenu: button.sub_button.map((b) => b.name) } };
  const type = button.type ?? '';
  if (!Object.hasOwn(TAPS, type))
    throw new FanActionError(400, `menu button type "${button.type ?? '(none)'}" is not one WeChat knows`);
  const menuId = menu.conditional ? { MenuId: menu.menuid } : {};
  return TAPS[type]!({ c, fan, button, input, menuId });
}

/**
 * The fan action that taps a menu button, on a context.
 *
 * @example
 * ```ts
 * import { createPusher } from '../push.js';
 * import { fanActionContext } from './context.js';
 * const tap = menuTap(fanActionContext(state, createPusher(state)));
 * await tap('oWxmpDefaultFan000000000001', { path: [0] }); // the first top button
 * ```
 */
export function menuTap(context: FanActionContext): FanActions['menu'] {
  return (openid, target, input = {}) => tapMenu(context, openid, target, input);
}
