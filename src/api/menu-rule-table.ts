/**
 * WeChat's custom-menu rules as one table: each rule with the errcode WeChat answers when it is broken (for a
 * top-level button and for a sub-button) and the readable message the client throws. `menu-rules.ts` walks a menu
 * against it for both validators — the client's `validateMenu` and the emulator's `menuErrorCode`.
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu.html
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu.html
 * @module
 */
import type { MenuButtonType } from './types/menu.js';

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

const CREATE_PAGE = 'https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu.html';
const CONDITIONAL_PAGE =
  'https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu.html';

/**
 * The match-rule fields WeChat refuses with 65320 to protect privacy; a menu stored with one no longer matches
 * anyone (menu/get still lists it).
 *
 * @example
 * ```ts
 * PRIVATE_MATCH_RULE_FIELDS.includes('language'); // true
 * ```
 */
export const PRIVATE_MATCH_RULE_FIELDS = Object.freeze([
  'sex',
  'country',
  'province',
  'city',
  'language',
] as const);

/**
 * The match-rule fields WeChat still applies; a conditional menu needs one of them (65304 otherwise).
 *
 * @example
 * ```ts
 * MATCH_RULE_FIELDS; // ['tag_id', 'client_platform_type']
 * ```
 */
export const MATCH_RULE_FIELDS = ['tag_id', 'client_platform_type'] as const;

/**
 * What a broken rule found: the number or name to put in its message.
 *
 * @example
 * ```ts
 * MENU_RULES.nameTooLong.message({ got: 18, limit: 16 } satisfies MenuRuleDetail);
 * ```
 */
export interface MenuRuleDetail {
  readonly got?: number | string;
  readonly limit?: number;
  readonly field?: string;
}

/**
 * One rule: WeChat's errcode for a top-level button and for a sub-button (`undefined` where WeChat accepts the
 * shape and only the client refuses it as a likely mistake), the message, and the page that states the rule.
 */
interface MenuRule {
  readonly errcode: readonly [topLevel: number, subButton: number] | undefined;
  readonly message: (detail: MenuRuleDetail) => string;
  readonly doc: string;
}

const rule = (errcode: MenuRule['errcode'], message: MenuRule['message'], doc = CREATE_PAGE): MenuRule => ({
  errcode,
  message,
  doc,
});
const both = (code: number) => [code, code] as const;
const needs = ({ got, field }: MenuRuleDetail) => `of type ${got} needs "${field}"`;
const tooLong = ({ got, limit, field }: MenuRuleDetail) =>
  `has a ${field} of ${got} bytes; WeChat allows ${limit}`;

/**
 * Every rule a menu is checked against, by name.
 *
 * @example
 * ```ts
 * MENU_RULES.buttonCount.errcode; // [40016, 40016]
 * MENU_RULES.buttonCount.message({ got: 4 }); // 'needs 1 to 3 top-level buttons, got 4'
 * ```
 */
export const MENU_RULES = {
  noButtonArray: rule(both(47001), () => 'needs a "button" array'),
  buttonCount: rule(both(40016), ({ got }) => `needs 1 to 3 top-level buttons, got ${got}`),
  notAnObject: rule(both(47001), () => 'must be an object'),
  nameMissing: rule([40018, 40025], () => 'needs a non-empty "name"'),
  nameTooLong: rule(
    [40018, 40025],
    ({ got, limit }) => `has a name of ${got} bytes; WeChat allows ${limit} (UTF-8, 3 per Chinese character)`,
  ),
  // WeChat ignores the type of a parent and an empty sub_button of a leaf; the client still asks for one of the two.
  typeAndSubButtons: rule(
    undefined,
    () => 'has both "type" and "sub_button"; a parent button only has name and sub_button',
  ),
  subButtonCount: rule(both(40023), ({ got }) => `needs 1 to 5 sub-buttons, got ${got}`),
  nestedTooDeep: rule(both(40022), () => 'is nested too deep: sub-buttons cannot have sub-buttons'),
  // An empty sub_button on a sub-button: WeChat ignores it; the client still refuses it.
  subButtonsOnSubButton: rule(undefined, () => 'is nested too deep: sub-buttons cannot have sub-buttons'),
  unknownType: rule(
    [40017, 40024],
    ({ got }) => `has type ${got}; use one of ${Object.keys(REQUIRED_FIELDS).join(', ')}`,
  ),
  keyMissing: rule([40019, 40026], needs),
  urlMissing: rule([40020, 40027], needs),
  mediaIdMissing: rule(both(40007), needs),
  articleIdMissing: rule(both(40035), needs),
  miniprogramFieldMissing: rule(both(40035), needs),
  keyTooLong: rule([40019, 40026], tooLong),
  urlTooLong: rule([40020, 40027], tooLong),
  urlNotHttp: rule(
    [40055, 40054],
    ({ got }) => `has a url that is not an absolute http(s) URL with a host: ${got}`,
  ),
  matchRuleEmpty: rule(
    both(65304),
    () => `needs at least one of ${MATCH_RULE_FIELDS.join(', ')}`,
    CONDITIONAL_PAGE,
  ),
  matchRulePrivate: rule(
    both(65320),
    ({ field }) =>
      `sets "${field}": WeChat refuses match rules on sex, region and language to protect privacy (errcode 65320), ` +
      `and menus that carry one no longer match anyone; match on tag_id instead (${CONDITIONAL_PAGE})`,
    CONDITIONAL_PAGE,
  ),
} as const satisfies Record<string, MenuRule>;

/**
 * The name of a rule of {@link MENU_RULES}.
 */
export type MenuRuleName = keyof typeof MENU_RULES;

/**
 * A field a leaf button may need besides `name`.
 */
export type LeafField = 'key' | 'url' | 'media_id' | 'article_id' | 'appid' | 'pagepath';

/**
 * The rule broken when a field a button's type needs is missing (its errcode differs by field).
 *
 * @example
 * ```ts
 * MENU_RULES[MISSING_FIELD_RULE.url].errcode; // [40020, 40027]
 * ```
 */
export const MISSING_FIELD_RULE: Readonly<Record<LeafField, MenuRuleName>> = {
  key: 'keyMissing',
  url: 'urlMissing',
  media_id: 'mediaIdMissing',
  article_id: 'articleIdMissing',
  appid: 'miniprogramFieldMissing',
  pagepath: 'miniprogramFieldMissing',
};

/**
 * Which fields each leaf type needs besides `name`; its keys are the button types WeChat accepts.
 *
 * @example
 * ```ts
 * REQUIRED_FIELDS.miniprogram; // ['url', 'appid', 'pagepath']
 * ```
 */
export const REQUIRED_FIELDS: Readonly<Record<MenuButtonType, readonly LeafField[]>> = {
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
 * A broken rule: which, where (`button[1].sub_button[0] "name"`), on a sub-button or not, and what was found.
 *
 * @example
 * ```ts
 * import { menuViolations } from './menu-rules.js';
 * const [first] = menuViolations({ button: [] });
 * first; // { rule: 'buttonCount', where: 'menu', sub: false, detail: { got: 0 } }
 * ```
 */
export interface MenuViolation {
  readonly rule: MenuRuleName;
  readonly where: string;
  readonly sub: boolean;
  readonly detail: MenuRuleDetail;
}

/**
 * Whether a match rule sets `field` (neither missing nor empty), as WeChat reads it.
 *
 * @example
 * ```ts
 * isMatchRuleFieldSet({ tag_id: '' }, 'tag_id'); // false
 * ```
 */
export function isMatchRuleFieldSet(matchrule: Readonly<Record<string, unknown>>, field: string): boolean {
  return matchrule[field] !== undefined && matchrule[field] !== '';
}

/**
 * The first field of a match rule that WeChat refuses for privacy (sex, region, language), or `undefined`; a
 * conditional menu with one no longer matches anyone.
 *
 * @example
 * ```ts
 * privateMatchRuleField({ tag_id: '2', language: 'en' }); // 'language'
 * privateMatchRuleField({ tag_id: '2' }); // undefined
 * ```
 */
export function privateMatchRuleField(matchrule: Readonly<Record<string, unknown>>): string | undefined {
  return PRIVATE_MATCH_RULE_FIELDS.find((field) => isMatchRuleFieldSet(matchrule, field));
}

/**
 * WeChat's errcode for a broken rule, or `undefined` where WeChat accepts what the client refuses.
 *
 * @example
 * ```ts
 * menuViolationErrcode({ rule: 'unknownType', where: 'button[0]', sub: true, detail: {} }); // 40024
 * ```
 */
export function menuViolationErrcode(v: MenuViolation): number | undefined {
  return MENU_RULES[v.rule].errcode?.[v.sub ? 1 : 0];
}
