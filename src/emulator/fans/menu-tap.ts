/**
 * A tap on a custom-menu button, by button type: the event WeChat pushes (CLICK, VIEW, scans, photos, a place…), or
 * nothing at all for a parent (it only opens its sub-menu) and for material or article buttons.
 * @module
 */
import { fileBytes, md5Hex } from '../media.js';
import { menuFor, type MenuButton } from '../platform-bridge.js';
import { mediaPath } from '../push.js';
import { FanActionError } from './action-error.js';
import type { ActionResult, FanActions, MenuInput, MenuTarget } from './action-types.js';
import type { FanActionContext } from './context.js';

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

/**
 * The fan action that taps a menu button, on a context.
 *
 * @example
 * ```ts
 * const tap = menuTap(fanActionContext(state, push));
 * await tap('oWxmpDefaultFan000000000001', { path: [0] }); // the first top button
 * ```
 */
export function menuTap(context: FanActionContext): FanActions['menu'] {
  const { state, fanOf, event, note, sendImage } = context;
  return async function tapMenu(
    openid: string,
    target: MenuTarget,
    input: MenuInput = {},
  ): Promise<ActionResult> {
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
  };
}
