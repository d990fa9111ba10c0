/**
 * Custom menu (自定义菜单): create, read and delete the default menu and conditional menus. Menus are checked
 * against WeChat's limits before they are sent.
 * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu.html
 * @module
 */
import { validateConditionalMenu, validateMenu } from '../menu-rules.js';
import type { ConditionalMenu, Menu } from '../types/menu.js';
import type { ResourceContext } from './context.js';

/**
 * The menu group of the client.
 *
 * @example
 * ```ts
 * const menu = client.menu; // this group
 * await menu.create({ button: [{ type: 'view', name: 'Home', url: 'https://example.com/' }] });
 * ```
 */
export function createMenuApi({ call }: ResourceContext) {
  return {
    /**
     * Replaces the default menu (POST /cgi-bin/menu/create); rejects with `REQUEST_INVALID` before sending if a
     * limit is broken.
     * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_createcustommenu.html
     */
    async create(menu: Menu) {
      // Inside an async method, so a broken limit rejects the promise instead of throwing at the call site.
      validateMenu(menu);
      return call('menu.create', menu);
    },
    /**
     * The menu set through the API, with conditional menus (GET /cgi-bin/menu/get); 46003 when there is none.
     * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_getmenu.html
     */
    get() {
      return call('menu.get');
    },
    /**
     * Deletes the default menu and every conditional menu (GET /cgi-bin/menu/delete).
     * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_deletemenu.html
     */
    delete() {
      return call('menu.delete');
    },
    /**
     * The menu users see, also when it was set in the web console (GET /cgi-bin/get_current_selfmenu_info).
     * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_getcurrentselfmenuinfo.html
     */
    selfMenuInfo() {
      return call('menu.selfMenuInfo');
    },
    /**
     * Adds a conditional menu (POST /cgi-bin/menu/addconditional); a default menu must exist. Returns `menuid`.
     * Rejects with `REQUEST_INVALID` before sending if a limit is broken.
     * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu.html
     */
    async addConditional(menu: ConditionalMenu) {
      validateConditionalMenu(menu);
      return call('menu.addConditional', menu);
    },
    /**
     * Deletes one conditional menu (POST /cgi-bin/menu/delconditional).
     * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_deleteconditionalmenu.html
     */
    delConditional(menuid: string) {
      return call('menu.delConditional', { menuid });
    },
    /**
     * The menu a given user (openid or WeChat id) would see (POST /cgi-bin/menu/trymatch).
     * @see https://developers.weixin.qq.com/doc/service/api/custommenu/api_trymatchmenu.html
     */
    tryMatch(userId: string) {
      return call('menu.tryMatch', { user_id: userId });
    },
  };
}

/**
 * The type of `client.menu`.
 */
export type MenuApi = ReturnType<typeof createMenuApi>;
