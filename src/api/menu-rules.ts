/**
 * The custom-menu limits of reference §9.1, checked before a menu is sent (and by the emulator when one arrives),
 * so a mistake names the button at fault instead of coming back as WeChat's bare 40016–40027.
 * @module
 */
import { WeChatError } from '../errors.js';
import type { MenuButtonType } from './types/menu.js';

/** Which field each button type needs besides `name`. */
const REQUIRED: Readonly<Record<MenuButtonType, readonly string[]>> = {
  click: ['key'],
  scancode_push: ['key'],
  scancode_waitmsg: ['key'],
  pic_sysphoto: ['key'],
  pic_photo_or_album: ['key'],
  pic_weixin: ['key'],
  location_select: ['key'],
  view: ['url'],
  media_id: ['media_id'],
  view_limited: ['media_id'],
  article_id: ['article_id'],
  article_view_limited: ['article_id'],
  miniprogram: ['url', 'appid', 'pagepath'],
};

/**
 * WeChat's menu limits; byte limits are UTF-8, where a Chinese character counts 3.
 *
 * @example
 * ```ts
 * Buffer.byteLength('今日歌曲') <= MENU_LIMITS.nameBytes; // true (12 bytes)
 * ```
 */
export const MENU_LIMITS = Object.freeze({
  topLevel: { min: 1, max: 3 },
  subButtons: { min: 1, max: 5 },
  nameBytes: 16,
  subNameBytes: 60,
  keyBytes: 128,
  urlBytes: 1024,
});

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Checks a menu (the body of menu/create) against WeChat's limits; throws a `WeChatError` naming the button.
 *
 * @example
 * ```ts
 * validateMenu({ button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }] }); // ok
 * validateMenu({ button: [] }); // throws: a menu needs 1 to 3 top-level buttons, got 0
 * ```
 */
export function validateMenu(menu: unknown): void {
  const buttons = (menu as { button?: unknown } | null)?.button;
  if (!Array.isArray(buttons)) fail('menu', 'needs a "button" array');
  const { min, max } = MENU_LIMITS.topLevel;
  if (buttons.length < min || buttons.length > max) {
    fail('menu', `needs ${min} to ${max} top-level buttons, got ${buttons.length}`);
  }
  buttons.forEach((button: unknown, i) => validateTopButton(button, `button[${i}]`));
}

/**
 * Checks a conditional menu: the buttons as {@link validateMenu}, plus a `matchrule` with at least one rule.
 *
 * @example
 * ```ts
 * validateConditionalMenu({ button: [{ type: 'click', name: 'VIP', key: 'VIP' }], matchrule: { tag_id: '2' } });
 * ```
 */
export function validateConditionalMenu(menu: unknown): void {
  validateMenu(menu);
  const rule = (menu as { matchrule?: unknown }).matchrule;
  const set =
    rule && typeof rule === 'object' ? Object.values(rule).filter((v) => v !== undefined && v !== '') : [];
  if (set.length === 0) fail('matchrule', 'needs at least one of tag_id, client_platform_type, language');
}

function validateTopButton(button: unknown, where: string): void {
  const b = asObject(button, where);
  const label = describe(b, where);
  if (!('sub_button' in b)) return validateLeaf(b, label, MENU_LIMITS.nameBytes);
  checkName(b, label, MENU_LIMITS.nameBytes);
  if ('type' in b)
    fail(label, 'has both "type" and "sub_button"; a parent button only has name and sub_button');
  const subs = b['sub_button'];
  const { min, max } = MENU_LIMITS.subButtons;
  if (!Array.isArray(subs) || subs.length < min || subs.length > max) {
    fail(label, `needs ${min} to ${max} sub-buttons, got ${Array.isArray(subs) ? subs.length : 'none'}`);
  }
  subs.forEach((sub: unknown, j) => {
    const subWhere = `${where}.sub_button[${j}]`;
    const s = asObject(sub, subWhere);
    if ('sub_button' in s)
      fail(describe(s, subWhere), 'is nested too deep: sub-buttons cannot have sub-buttons');
    validateLeaf(s, describe(s, subWhere), MENU_LIMITS.subNameBytes);
  });
}

function validateLeaf(b: Record<string, unknown>, label: string, nameLimit: number): void {
  checkName(b, label, nameLimit);
  const type = b['type'];
  if (typeof type !== 'string' || !(type in REQUIRED)) {
    fail(label, `has type ${JSON.stringify(type)}; use one of ${Object.keys(REQUIRED).join(', ')}`);
  }
  for (const field of REQUIRED[type as MenuButtonType]) {
    if (typeof b[field] !== 'string' || b[field] === '') fail(label, `of type ${type} needs "${field}"`);
  }
  checkBytes(b, 'key', MENU_LIMITS.keyBytes, label);
  checkBytes(b, 'url', MENU_LIMITS.urlBytes, label);
}

function checkName(b: Record<string, unknown>, label: string, limit: number): void {
  const name = b['name'];
  if (typeof name !== 'string' || name === '') fail(label, 'needs a non-empty "name"');
  if (bytes(name) > limit)
    fail(
      label,
      `has a name of ${bytes(name)} bytes; WeChat allows ${limit} (UTF-8, 3 per Chinese character)`,
    );
}

function checkBytes(b: Record<string, unknown>, field: string, limit: number, label: string): void {
  const value = b[field];
  if (typeof value === 'string' && bytes(value) > limit) {
    fail(label, `has a ${field} of ${bytes(value)} bytes; WeChat allows ${limit}`);
  }
}

function asObject(value: unknown, where: string): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return fail(where, 'must be an object');
}

function describe(b: Record<string, unknown>, where: string): string {
  return typeof b['name'] === 'string' ? `${where} "${b['name']}"` : where;
}

function fail(where: string, problem: string): never {
  throw new WeChatError('REQUEST_INVALID', `Menu ${where} ${problem}`, {
    hint: 'Fix the menu before sending it (limits: https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu.html)',
  });
}
