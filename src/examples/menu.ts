/**
 * The `menu` example bot (`wxmp serve --example menu`): a custom menu and the replies to its buttons. A CLICK
 * answers with a text naming its EventKey; the other menu events say what they carried.
 * @module
 */
import type { Menu } from '../api/types/menu.js';
import { reply } from '../replies/reply.js';
import { Router } from '../webhook/router.js';
import { ECHO_WELCOME, echoText } from './echo.js';

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
  bot.on('event.subscribe', () => reply.text(ECHO_WELCOME));
  bot.on('text', (ctx) => echoText(ctx.message.content));
  return bot;
}
