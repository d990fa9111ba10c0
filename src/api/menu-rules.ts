/**
 * Checks custom menus against the one table of rules (`menu-rule-table.ts`): {@link menuViolations} walks a menu
 * and yields each broken rule in the order WeChat checks them; the client's {@link validateMenu} throws them all
 * in one readable `WeChatError` naming each button at fault, before a menu is sent, and the emulator's
 * `menuErrorCode` answers the first one's errcode, as WeChat would — so the two cannot disagree on what is checked.
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu.html
 * @module
 */
import { WeChatError } from '../errors.js';
import {
  MATCH_RULE_FIELDS,
  MENU_LIMITS,
  MENU_RULES,
  MISSING_FIELD_RULE,
  REQUIRED_FIELDS,
  isMatchRuleFieldSet,
  privateMatchRuleField,
  type MenuRuleDetail,
  type MenuRuleName,
  type MenuViolation,
} from './menu-rule-table.js';
import type { MenuButtonType } from './types/menu.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const violation = (rule: MenuRuleName, where: string, sub = false, detail: MenuRuleDetail = {}) => ({
  rule,
  where,
  sub,
  detail,
});

/**
 * The broken rules of a menu (the body of menu/create), in the order WeChat checks them; lazily, so a caller
 * stops at the first that matters to it.
 *
 * @example
 * ```ts
 * [...menuViolations({ button: [{ type: 'click', name: 'Hi' }] })].map((v) => v.rule); // ['keyMissing']
 * ```
 */
export function* menuViolations(menu: unknown): Generator<MenuViolation, void, undefined> {
  const buttons = isObject(menu) ? menu['button'] : undefined;
  if (!Array.isArray(buttons)) return yield violation('noButtonArray', 'menu');
  const { min, max } = MENU_LIMITS.topLevel;
  if (buttons.length < min || buttons.length > max) {
    yield violation('buttonCount', 'menu', false, { got: buttons.length });
  }
  for (const [i, button] of buttons.entries()) yield* topButtonViolations(button, `button[${i}]`);
}

/**
 * The broken rules of a conditional menu (the body of menu/addconditional): the buttons', then the match rule's.
 *
 * @example
 * ```ts
 * const menu = { button: [{ type: 'click', name: 'EN', key: 'EN' }], matchrule: { language: 'en' } };
 * [...conditionalMenuViolations(menu)].map((v) => v.rule); // ['matchRulePrivate']
 * ```
 */
export function* conditionalMenuViolations(menu: unknown): Generator<MenuViolation, void, undefined> {
  yield* menuViolations(menu);
  const matchrule = isObject(menu) ? menu['matchrule'] : undefined;
  if (!isObject(matchrule)) return yield violation('matchRuleEmpty', 'matchrule');
  const field = privateMatchRuleField(matchrule);
  if (field !== undefined) yield violation('matchRulePrivate', 'matchrule', false, { field });
  if (!MATCH_RULE_FIELDS.some((f) => isMatchRuleFieldSet(matchrule, f)))
    yield violation('matchRuleEmpty', 'matchrule');
}

function* topButtonViolations(button: unknown, where: string): Generator<MenuViolation, void, undefined> {
  if (!isObject(button)) return yield violation('notAnObject', where);
  const label = describe(button, where);
  const subs = button['sub_button'];
  // A leaf may carry an empty sub_button, as menu/get returns it; a button without a type is a parent.
  const isParent =
    (Array.isArray(subs) && subs.length > 0) || ('sub_button' in button && !('type' in button));
  if (!isParent) return yield* leafViolations(button, label, false);
  yield* nameViolations(button, label, false);
  if ('type' in button) yield violation('typeAndSubButtons', label);
  const { min, max } = MENU_LIMITS.subButtons;
  if (!Array.isArray(subs) || subs.length < min || subs.length > max) {
    return yield violation('subButtonCount', label, false, {
      got: Array.isArray(subs) ? subs.length : 'none',
    });
  }
  for (const [j, sub] of subs.entries()) yield* subButtonViolations(sub, `${where}.sub_button[${j}]`);
}

function* subButtonViolations(sub: unknown, where: string): Generator<MenuViolation, void, undefined> {
  if (!isObject(sub)) return yield violation('notAnObject', where, true);
  const label = describe(sub, where);
  const nested = sub['sub_button'];
  if (Array.isArray(nested) && nested.length > 0) return yield violation('nestedTooDeep', label, true);
  if ('sub_button' in sub) yield violation('subButtonsOnSubButton', label, true);
  yield* leafViolations(sub, label, true);
}

function* leafViolations(b: Obj, label: string, sub: boolean): Generator<MenuViolation, void, undefined> {
  yield* nameViolations(b, label, sub);
  if (!sub && 'sub_button' in b) yield violation('typeAndSubButtons', label);
  const type = b['type'];
  if (typeof type !== 'string' || !Object.hasOwn(REQUIRED_FIELDS, type)) {
    return yield violation('unknownType', label, sub, { got: JSON.stringify(type) });
  }
  for (const field of REQUIRED_FIELDS[type as MenuButtonType]) {
    if (typeof b[field] !== 'string' || b[field] === '') {
      return yield violation(MISSING_FIELD_RULE[field], label, sub, { got: type, field });
    }
  }
  yield* byteViolations(b, 'key', MENU_LIMITS.keyBytes, label, sub);
  yield* byteViolations(b, 'url', MENU_LIMITS.urlBytes, label, sub);
  const url = b['url'];
  if (typeof url === 'string' && !isWeChatButtonUrl(url))
    yield violation('urlNotHttp', label, sub, { got: url });
}

function* nameViolations(b: Obj, label: string, sub: boolean): Generator<MenuViolation, void, undefined> {
  const name = b['name'];
  const limit = sub ? MENU_LIMITS.subNameBytes : MENU_LIMITS.nameBytes;
  if (typeof name !== 'string' || name === '') yield violation('nameMissing', label, sub);
  else if (bytes(name) > limit) yield violation('nameTooLong', label, sub, { got: bytes(name), limit });
}

function* byteViolations(b: Obj, field: 'key' | 'url', limit: number, label: string, sub: boolean) {
  const value = b[field];
  if (typeof value === 'string' && bytes(value) > limit) {
    yield violation(field === 'key' ? 'keyTooLong' : 'urlTooLong', label, sub, {
      got: bytes(value),
      limit,
      field,
    });
  }
}

/**
 * What WeChat accepts as a button's url (else 40055 top-level, 40054 sub-button): an absolute http or https URL with
 * a host, no white space or control characters, as its URL parser reads it.
 *
 * @example
 * ```ts
 * isWeChatButtonUrl('https://example.com/a?b=1'); // true
 * isWeChatButtonUrl('example.com/a'); // false: not absolute
 * isWeChatButtonUrl('https://exa mple.com/'); // false
 * ```
 */
export function isWeChatButtonUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!/^https?:\/\/[^/?#\s]/i.test(url) || /[\s\u0000-\u001f\u007f]/.test(url)) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

function describe(b: Obj, where: string): string {
  return typeof b['name'] === 'string' ? `${where} "${b['name']}"` : where;
}

/**
 * Checks a menu (the body of menu/create) against WeChat's limits; throws a `WeChatError` `REQUEST_INVALID` naming
 * every button at fault, one line each.
 *
 * @example
 * ```ts
 * validateMenu({ button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }] }); // ok
 * validateMenu({ button: [] }); // throws: Menu menu needs 1 to 3 top-level buttons, got 0
 * ```
 */
export function validateMenu(menu: unknown): void {
  throwAll(menuViolations(menu));
}

/**
 * Checks a conditional menu: the buttons as {@link validateMenu}, then a `matchrule` on `tag_id` or
 * `client_platform_type`, and none on sex, region or language (WeChat refuses those with 65320).
 *
 * @example
 * ```ts
 * validateConditionalMenu({ button: [{ type: 'click', name: 'VIP', key: 'VIP' }], matchrule: { tag_id: '2' } });
 * ```
 */
export function validateConditionalMenu(menu: unknown): void {
  throwAll(conditionalMenuViolations(menu));
}

/**
 * Throws one error naming every broken rule, each with the button it is about (its place and its name), so a menu
 * file is fixed in one pass rather than one error per run.
 */
function throwAll(violations: Iterable<MenuViolation>): void {
  const found = [...violations];
  const [first] = found;
  if (!first) return;
  const lines = found.map((v) => `${v.where} ${MENU_RULES[v.rule].message(v.detail)}`);
  const docs = [...new Set(found.map((v) => MENU_RULES[v.rule].doc))].join(', ');
  const message =
    found.length === 1
      ? `Menu ${lines[0]}`
      : `Menu has ${found.length} problems:\n${lines.map((line) => `  - ${line}`).join('\n')}`;
  throw new WeChatError('REQUEST_INVALID', message, {
    hint: `Fix the menu before sending it (limits: ${docs})`,
  });
}
