/**
 * Custom-menu validation as WeChat answers it: the rules of `src/api/menu-rule-table.ts` (one table, so client and
 * emulator agree), each broken rule answered with WeChat's own code — 40016 button count, 40017 button type, 40018
 * name length, 40019 key, 40020 URL, 40022 nesting, 40023 sub-button count, 40024–40027 the same for sub-buttons,
 * 40054/40055 URLs that are not http(s), 40007/40035 a missing media_id / article_id / mini-program field, 47001 a
 * body that is not a menu, 65304 an empty match rule, 65320 a match rule on sex, region or language.
 *
 * The client's validator throws a readable message for developers; this one returns the code WeChat would send,
 * and lets pass what WeChat accepts although the client refuses it (a parent's `type`, an empty `sub_button`).
 * @module
 */
import { menuViolationErrcode, type MenuViolation } from '../../api/menu-rule-table.js';
import { conditionalMenuViolations, menuViolations } from '../../api/menu-rules.js';

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
  return firstErrcode(menuViolations(menu));
}

/**
 * The code for a conditional menu: the buttons as {@link menuErrorCode}, then 65320 when `matchrule` sets sex,
 * country, province, city or language (refused to protect privacy), then 65304 when it sets neither `tag_id` nor
 * `client_platform_type`.
 *
 * @example
 * ```ts
 * conditionalMenuErrorCode({ button: [{ type: 'click', name: 'VIP', key: 'VIP' }], matchrule: {} }); // 65304
 * conditionalMenuErrorCode({ button: [{ type: 'click', name: 'EN', key: 'EN' }], matchrule: { language: 'en' } }); // 65320
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu.html
 */
export function conditionalMenuErrorCode(menu: unknown): number {
  return firstErrcode(conditionalMenuViolations(menu));
}

function firstErrcode(violations: Iterable<MenuViolation>): number {
  for (const violation of violations) {
    const errcode = menuViolationErrcode(violation);
    if (errcode !== undefined) return errcode;
  }
  return 0;
}
