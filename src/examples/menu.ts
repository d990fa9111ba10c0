/**
 * The `menu` example bot (`wxmp serve --example menu`): a custom menu and the replies to its buttons. A CLICK
 * answers with a text naming its EventKey; the other menu events say what they carried.
 * @module
 */
import type { Menu } from '../api/types/menu.js';
import { reply } from '../replies/reply.js';
import { Router } from '../webhook/router.js';
import { echoText } from './echo.js';

/**
 * What a new follower of the menu bot reads: what it does, and nothing it does not (it echoes text only).
 *
 * @example
 * ```ts
 * bot.on('event.subscribe', () => MENU_WELCOME);
 * ```
 */
export const MENU_WELCOME =
  '欢迎关注! 点下面的菜单试试, 每个按钮的回复都会说出它带来的内容; 发文字我会原样回复 (发 sleep 8 看慢回复怎样送达)。' +
  ' Tap the menu below: each answer says what the button carried. Text is echoed back (send sleep 8 to watch a slow answer arrive).';

/**
 * The menu this bot expects (push it with `wxmp menu push`, the emulator seeds it).
 *
 * @example
 * ```ts
 * await client.menu.create(EXAMPLE_MENU);
 * ```
 */
export const EXAMPLE_MENU: Menu = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    {
      name: '菜单',
      sub_button: [
        { type: 'view', name: '搜索', url: 'https://www.soso.com/' },
        { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
        { type: 'scancode_push', name: '扫码', key: 'SCAN_PUSH' },
        { type: 'pic_photo_or_album', name: '发图', key: 'SEND_PIC' },
      ],
    },
    { type: 'location_select', name: '位置', key: 'SEND_LOCATION' },
  ],
};

/**
 * Builds the menu bot.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * const webhook = createWebhook(createMenuBot(), { token: 'AAAAA' });
 * ```
 */
export function createMenuBot(): Router {
  const bot = new Router();
  bot.on('event.CLICK', (ctx) => reply.text(`你点击了菜单: ${ctx.message.eventKey}`));
  bot.on(['event.scancode_push', 'event.scancode_waitmsg'], (ctx) =>
    reply.text(`扫码结果 (${ctx.message.scanCodeInfo.scanType}): ${ctx.message.scanCodeInfo.scanResult}`),
  );
  bot.on(['event.pic_sysphoto', 'event.pic_photo_or_album', 'event.pic_weixin'], (ctx) =>
    reply.text(`收到 ${ctx.message.sendPicsInfo.count} 张图片`),
  );
  bot.on('event.location_select', (ctx) => {
    const info = ctx.message.sendLocationInfo;
    return reply.text(`你选择了位置: ${info.label || `${info.latitude},${info.longitude}`}`);
  });
  bot.on('event.subscribe', () => reply.text(MENU_WELCOME));
  bot.on('text', (ctx) => echoText(ctx.message.content));
  return bot;
}
