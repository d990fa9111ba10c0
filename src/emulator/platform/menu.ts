/**
 * Custom menus: the default menu and conditional menus, validated with WeChat's error codes, kept in `state.menu` /
 * `state.conditionalMenus` where the phone page reads them.
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu.html
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu.html
 * @module
 */
import { privateMatchRuleField } from '../../api/menu-rule-table.js';
import type { EmulatorState } from '../state.js';
import type { Fan } from '../world.js';
import type { Handlers } from './core/handler.js';
import { conditionalMenuErrorCode, menuErrorCode } from './menu-validate.js';
import { fail, OK, textOf } from './core/respond.js';
import { tagExists } from './tag.js';

type Button = Record<string, unknown>;

function nextMenuId(state: EmulatorState): string {
  const s = state.slot('menu', () => ({ nextId: 208_379_533 }));
  s.nextId += 1;
  return String(s.nextId);
}

// Stored menus are copies: a caller mutating its object later must not change what the emulator serves.
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function matches(rule: Record<string, unknown>, fan: Fan): boolean {
  // A rule on sex, region or language (stored before WeChat refused them, or loaded from a state file) matches
  // nobody: WeChat's addconditional page says such menus stop matching, though menu/get still lists them.
  if (privateMatchRuleField(rule) !== undefined) return false;
  const tag = rule['tag_id'];
  if (tag !== undefined && tag !== '' && !fan.tagIds.includes(Number(tag))) return false;
  // The emulated phone has no platform: a client_platform_type rule matches every fan.
  return true;
}

/**
 * The menu a fan sees: the newest conditional menu whose rule matches the fan, else the default menu; undefined
 * when the account has no menu. A conditional menu with a rule on sex, region or language matches nobody. For the
 * phone page and `menu/trymatch`.
 *
 * @example
 * ```ts
 * const menu = menuForFan(state, 'oFan1');
 * if (menu) console.log(menu.conditional ? 'a conditional menu' : 'the default menu', menu.button);
 * ```
 */
export function menuForFan(
  state: EmulatorState,
  openid: string,
): { button: unknown[]; menuid: string; conditional: boolean } | undefined {
  if (state.menu === undefined) return undefined;
  const fan = state.fans.get(openid);
  const conditional = fan && [...state.conditionalMenus].reverse().find((m) => matches(m.matchrule, fan));
  if (conditional) return { button: conditional.button, menuid: conditional.menuid, conditional: true };
  return { button: state.menu.button, menuid: state.menu.menuid, conditional: false };
}

// get_current_selfmenu_info lists sub-buttons under `sub_button.list`.
function selfMenuButton(button: Button): Button {
  const subs = button['sub_button'];
  if (Array.isArray(subs) && subs.length > 0) {
    return { name: button['name'], sub_button: { list: (subs as Button[]).map(selfMenuButton) } };
  }
  const { sub_button: _ignored, ...leaf } = button;
  return leaf;
}

/**
 * The handlers of the menu endpoints.
 *
 * @example
 * ```ts
 * Object.keys(menuHandlers); // ['menu.create', 'menu.get', 'menu.delete', 'menu.selfMenuInfo', …]
 * ```
 */
export const menuHandlers: Handlers = {
  'menu.create': ({ state, body }) => {
    const code = menuErrorCode(body);
    if (code !== 0) fail(code);
    state.menu = { button: copy(body['button'] as unknown[]), menuid: nextMenuId(state) };
    state.emit('change', 'menu');
    return OK;
  },
  'menu.get': ({ state }) => {
    if (state.menu === undefined) fail(46003);
    const conditional = state.conditionalMenus.map((m) => ({ ...m, menuid: Number(m.menuid) }));
    return {
      menu: { button: state.menu.button, menuid: Number(state.menu.menuid) },
      ...(conditional.length > 0 ? { conditionalmenu: conditional } : {}),
    };
  },
  'menu.delete': ({ state }) => {
    state.menu = undefined;
    state.conditionalMenus = [];
    state.emit('change', 'menu');
    return OK;
  },
  'menu.selfMenuInfo': ({ state }) => {
    if (state.menu === undefined) return { is_menu_open: 0 };
    return {
      is_menu_open: 1,
      selfmenu_info: { button: (state.menu.button as Button[]).map(selfMenuButton) },
    };
  },
  'menu.addConditional': ({ state, body }) => {
    if (state.menu === undefined) fail(65303);
    const code = conditionalMenuErrorCode(body);
    // WeChat's errmsg for 65320 is not documented; this one says what the page says.
    if (code === 65320) fail(code, 'match rule on sex, region or language is not supported for privacy');
    if (code !== 0) fail(code);
    const matchrule = copy(body['matchrule'] as Record<string, unknown>);
    const tagId = matchrule['tag_id'];
    if (tagId !== undefined && tagId !== '' && !tagExists(state, Number(tagId))) fail(40050);
    const menuid = nextMenuId(state);
    state.conditionalMenus.push({ button: copy(body['button'] as unknown[]), matchrule, menuid });
    state.emit('change', 'menu');
    return { menuid };
  },
  'menu.delConditional': ({ state, body }) => {
    const menuid = textOf(body['menuid']);
    const index = state.conditionalMenus.findIndex((m) => m.menuid === menuid);
    if (index < 0) fail(65301);
    state.conditionalMenus.splice(index, 1);
    state.emit('change', 'menu');
    return OK;
  },
  'menu.tryMatch': ({ state, body }) => {
    const userId = textOf(body['user_id']);
    // user_id is an openid or a WeChat id; the emulated fans' WeChat id is their nickname.
    const fan = state.fans.get(userId) ?? [...state.fans.values()].find((f) => f.nickname === userId);
    if (fan === undefined) fail(65302);
    const menu = menuForFan(state, fan.openid) ?? fail(46003);
    return { button: menu.button };
  },
};
