/**
 * What the fan side needs from the platform side: QR tickets (created through `/cgi-bin/qrcode/create`), OAuth
 * codes (exchanged through `/sns/oauth2/access_token`) and the menu a fan sees. The platform owns that storage;
 * this file is the one place the fan side reads it through.
 * @module
 */
import type { OAuthScope } from '../api/types/oauth.js';
import { issueOAuthCode, listQrTickets, menuForFan, resolveQrTicket } from './platform/index.js';
import type { EmulatorState } from './state.js';

/** Whether the account shows "typing…" to a fan (message/custom/typing), for the page snapshot. */
export { isTyping } from './platform/index.js';

/** A QR ticket's scene, as the scan events carry it. */
export interface QrScene {
  ticket: string;
  /** The scene value as EventKey carries it (`123` or `promo`). */
  scene: string;
  /** Set for numeric scenes (QR_SCENE, QR_LIMIT_SCENE). */
  sceneId?: number;
  /** Set for string scenes (QR_STR_SCENE, QR_LIMIT_STR_SCENE). */
  sceneStr?: string;
}

function sceneOf(ticket: string, qr: { sceneId?: number; sceneStr?: string }): QrScene {
  return {
    ticket,
    scene: qr.sceneStr ?? String(qr.sceneId ?? ''),
    ...(qr.sceneId === undefined ? {} : { sceneId: qr.sceneId }),
    ...(qr.sceneStr === undefined ? {} : { sceneStr: qr.sceneStr }),
  };
}

/**
 * The scene of a QR ticket the platform issued, or undefined when the ticket is unknown or expired (a fan cannot
 * scan an expired code: WeChat shows an error and pushes nothing).
 *
 * @example
 * ```ts
 * const qr = findQrScene(state, ticket); // { ticket, scene: '123', sceneId: 123 }
 * ```
 */
export function findQrScene(state: EmulatorState, ticket: string): QrScene | undefined {
  const qr = resolveQrTicket(state, ticket);
  return qr === undefined || qr.expired ? undefined : sceneOf(ticket, qr);
}

/**
 * The QR tickets a fan can still scan, newest first (for the page's picker).
 *
 * @example
 * ```ts
 * listQrScenes(state).map((q) => q.ticket);
 * ```
 */
export function listQrScenes(state: EmulatorState): QrScene[] {
  return listQrTickets(state).map((qr) => sceneOf(qr.ticket, qr));
}

/**
 * Issues a single-use web-authorization code for a fan.
 *
 * @example
 * ```ts
 * const code = oauthCode(state, { openid, scope: 'snsapi_base', appid, redirectUri });
 * ```
 */
export function oauthCode(
  state: EmulatorState,
  grant: { openid: string; scope: OAuthScope; appid: string; redirectUri: string },
): string {
  return issueOAuthCode(state, grant);
}

/** A menu button as the menu API stores it. */
export interface MenuButton {
  type?: string;
  name: string;
  key?: string;
  url?: string;
  media_id?: string;
  article_id?: string;
  appid?: string;
  pagepath?: string;
  sub_button?: MenuButton[];
}

/**
 * The menu a fan sees (the newest matching conditional menu, else the default menu), or undefined.
 *
 * @example
 * ```ts
 * menuFor(state, fan.openid)?.button.map((b) => b.name);
 * ```
 */
export function menuFor(
  state: EmulatorState,
  openid: string,
): { button: MenuButton[]; menuid: string; conditional: boolean } | undefined {
  const menu = menuForFan(state, openid);
  return menu && { ...menu, button: menu.button as MenuButton[] };
}
