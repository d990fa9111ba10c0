/**
 * Custom-menu request and response shapes.
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu.html
 * @module
 */
import type { BaseResponse } from './common.js';

/**
 * Button types a leaf button may have.
 */
export type MenuButtonType =
  | 'click'
  | 'view'
  | 'scancode_push'
  | 'scancode_waitmsg'
  | 'pic_sysphoto'
  | 'pic_photo_or_album'
  | 'pic_weixin'
  | 'location_select'
  | 'media_id'
  | 'view_limited'
  | 'article_id'
  | 'article_view_limited'
  | 'miniprogram';

/**
 * A button that does something; which of the optional fields it needs depends on `type`.
 */
export interface MenuLeafButton {
  type: MenuButtonType;
  name: string;
  key?: string;
  url?: string;
  media_id?: string;
  appid?: string;
  pagepath?: string;
  article_id?: string;
}

/**
 * A top-level button that opens 1–5 sub-buttons.
 */
export interface MenuParentButton {
  name: string;
  sub_button: MenuLeafButton[];
}

/**
 * Any top-level button.
 */
export type MenuButton = MenuLeafButton | MenuParentButton;

/**
 * The body of menu/create.
 */
export interface Menu {
  button: MenuButton[];
}

/**
 * Who sees a conditional menu: users with a tag, or on a platform. WeChat refuses rules on sex, region and language
 * with 65320 to protect privacy, so the type has none of them.
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu.html
 */
export interface MenuMatchRule {
  tag_id?: string;
  /** 1 iOS, 2 Android, 3 others. */
  client_platform_type?: string;
  /**
   * @deprecated Refused: WeChat answers 65320 for a language rule (privacy), and a menu stored with one no longer
   * matches anyone. Tag the users (`client.tag.batchTagging`) and match on `tag_id` instead. Typed `never` so that
   * setting it does not compile.
   */
  language?: never;
}

/**
 * A match rule as menu/get reports it: WeChat still lists the sex, region and language rules of menus created
 * before it refused them, although such menus no longer match anyone.
 *
 * @example
 * ```ts
 * const { conditionalmenu = [] } = await client.menu.get();
 * const retired = conditionalmenu.filter((m) => m.matchrule.language !== undefined);
 * ```
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_getmenu.html
 */
export interface ReportedMenuMatchRule {
  tag_id?: string;
  client_platform_type?: string;
  sex?: string;
  country?: string;
  province?: string;
  city?: string;
  language?: string;
}

/**
 * The body of menu/addconditional.
 */
export interface ConditionalMenu extends Menu {
  matchrule: MenuMatchRule;
}

/**
 * The answer of menu/get.
 *
 * @example
 * ```ts
 * const { menu } = await client.menu.get();
 * ```
 */
export interface MenuGetResponse extends BaseResponse {
  menu: Menu & { menuid?: number | string };
  conditionalmenu?: (Menu & { matchrule: ReportedMenuMatchRule; menuid: number | string })[];
}

/**
 * A button as get_current_selfmenu_info reports it (also menus set in the web console).
 *
 * @example
 * ```ts
 * const info = await client.menu.selfMenuInfo();
 * const names = info.selfmenu_info?.button.map((b: SelfMenuButton) => b.name) ?? [];
 * ```
 */
export interface SelfMenuButton {
  type?: string;
  name: string;
  key?: string;
  url?: string;
  value?: string;
  news_info?: { list: Record<string, unknown>[] };
  sub_button?: { list: SelfMenuButton[] };
}

/**
 * The answer of get_current_selfmenu_info.
 */
export interface SelfMenuInfoResponse extends BaseResponse {
  is_menu_open: 0 | 1;
  selfmenu_info?: { button: SelfMenuButton[] };
}
