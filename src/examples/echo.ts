/**
 * The `echo` example bot (`wxmp serve --example echo`): text, image and voice come back as they were sent, a new
 * follower is welcomed, anything else is acknowledged with `success`.
 * @module
 */
import { reply } from '../replies/reply.js';
import { Router } from '../webhook/router.js';

/** The welcome text sent to new followers. */
export const ECHO_WELCOME = '欢迎关注! Send me text, an image or a voice message and I will send it back.';

/**
 * Builds the echo bot.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * const webhook = createWebhook(createEchoBot(), { token: 'AAAAA' });
 * ```
 */
export function createEchoBot(): Router {
  const bot = new Router();
  bot.on('text', (ctx) => reply.text(ctx.message.content));
  bot.on('image', (ctx) => reply.image(ctx.message.mediaId));
  bot.on('voice', (ctx) => reply.voice(ctx.message.mediaId));
  bot.on('event.subscribe', () => reply.text(ECHO_WELCOME));
  return bot;
}
