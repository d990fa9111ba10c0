/**
 * Custom-menu validation as WeChat answers it: the limits of `src/api/menu-rules.ts` (shared, so client and
 * emulator agree), each broken limit mapped to WeChat's own error code — 40016 button count, 40017 button type,
 * 40018 name length, 40019 key length, 40020 URL length, 40022 nesting, 40023 sub-button count, 40024–40027 the
 * same for sub-buttons, 40054/40055 URLs that are not http(s), 65304 empty match rule.
 *
 * The client's validator throws a readable message for developers; this one returns the code WeChat would send.
 * @module
 */
import { MENU_LIMITS } from '../../api/menu-rules.js';

/** Which field each leaf type needs besides `name`, and the code WeChat answers when it is missing. */
const REQUIRED: Readonly<Record<string, readonly (readonly [field: string, top: number, sub: number])[]>> = {
  click: [['key', 40019, 40026]],
  scancode_push: [['key', 40019, 40026]],
  scancode_waitmsg: [['key', 40019, 40026]],
  pic_sysphoto: [['key', 40019, 40026]],
  pic_photo_or_album: [['key', 40019, 40026]],
  pic_weixin: [['key', 40019, 40026]],
  location_select: [['key', 40019, 40026]],
  view: [['url', 40020, 40027]],
  media_id: [['media_id', 40007, 40007]],
  view_limited: [['media_id', 40007, 40007]],
  article_id: [['article_id', 40035, 40035]],
  article_view_limited: [['article_id', 40035, 40035]],
  miniprogram: [
    ['url', 40020, 40027],
    ['appid', 40035, 40035],
    ['pagepath', 40035, 40035],
  ],
};

/**
 * The leaf button types WeChat accepts.
 *
 * @example
 * ```ts
 * MENU_BUTTON_TYPES.includes('click'); // true
 * ```
 */
export const MENU_BUTTON_TYPES: readonly string[] = Object.keys(REQUIRED);

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The WeChat error code of the first broken rule of a menu (the body of menu/create), or 0 when it is valid.
 * A leaf may carry an empty `sub_button: []`, as menu/get returns it and many SDKs send it.
 *
 * @example
 * ```ts
 * menuErrorCode({ button: [] }); // 40016
 * menuErrorCode({ button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }] }); // 0
 * ```
 */
export function menuErrorCode(menu: unknown): number {
  if (!isObject(menu) || !Array.isArray(menu['button'])) return 47001;
  const buttons: unknown[] = menu['button'];
  if (buttons.length < MENU_LIMITS.topLevel.min || buttons.length > MENU_LIMITS.topLevel.max) return 40016;
  for (const button of buttons) {
    const code = topButtonCode(button);
    if (code !== 0) return code;
  }
  return 0;
}

/**
 * The code for a conditional menu: the buttons as {@link menuErrorCode}, then 65304 when `matchrule` sets none of
 * `tag_id`, `client_platform_type`, `language` (the sex and region rules were removed in 2021).
 *
 * @example
 * ```ts
 * conditionalMenuErrorCode({ button: [{ type: 'click', name: 'VIP', key: 'VIP' }], matchrule: {} }); // 65304
 * ```
 */
export function conditionalMenuErrorCode(menu: unknown): number {
  const code = menuErrorCode(menu);
  if (code !== 0) return code;
  const rule = (menu as Obj)['matchrule'];
  if (!isObject(rule)) return 65304;
  const set = ['tag_id', 'client_platform_type', 'language'].filter(
    (k) => rule[k] !== undefined && rule[k] !== '',
  );
  return set.length === 0 ? 65304 : 0;
}

function topButtonCode(button: unknown): number {
  if (!isObject(button)) return 47001;
  const subs = button['sub_button'];
  const hasSubs = Array.isArray(subs) && subs.length > 0;
  if (!hasSubs) {
    if (button['type'] === undefined) return Array.isArray(subs) ? 40023 : 40017;
    return leafCode(button, false);
  }
  if (!nameOk(button, MENU_LIMITS.nameBytes)) return 40018;
  if (subs.length > MENU_LIMITS.subButtons.max) return 40023;
  for (const sub of subs) {
    if (!isObject(sub)) return 47001;
    const nested = sub['sub_button'];
    if (Array.isArray(nested) && nested.length > 0) return 40022;
    const code = leafCode(sub, true);
    if (code !== 0) return code;
  }
  return 0;
}

function leafCode(b: Obj, sub: boolean): number {
  if (!nameOk(b, sub ? MENU_LIMITS.subNameBytes : MENU_LIMITS.nameBytes)) return sub ? 40025 : 40018;
  const type = b['type'];
  const required = typeof type === 'string' ? REQUIRED[type] : undefined;
  if (required === undefined) return sub ? 40024 : 40017;
  for (const [field, top, subCode] of required) {
    if (typeof b[field] !== 'string' || b[field] === '') return sub ? subCode : top;
  }
  const key = b['key'];
  if (typeof key === 'string' && bytes(key) > MENU_LIMITS.keyBytes) return sub ? 40026 : 40019;
  const url = b['url'];
  if (typeof url === 'string') {
    if (bytes(url) > MENU_LIMITS.urlBytes) return sub ? 40027 : 40020;
    if (!/^https?:\/\//i.test(url)) return sub ? 40054 : 40055;
  }
  return 0;
}

function nameOk(b: Obj, limit: number): boolean {
  const name = b['name'];
  return typeof name === 'string' && name !== '' && bytes(name) <= limit;
}
