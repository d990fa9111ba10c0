/**
 * The `echo` example bot (`wxmp serve --example echo`): text, image and voice come back as they were sent, a new
 * follower is welcomed, anything else is acknowledged with `success`. `sleep N` is answered after N seconds with
 * `slept N s`, to watch the slow-handler strategies (see docs/slow-handlers.md).
 * @module
 */
import { reply } from '../replies/reply.js';
import type { Reply } from '../replies/types.js';
import { Router } from '../webhook/router.js';

/** The longest `sleep N` the echo bot honours, in seconds. */
const ECHO_MAX_SLEEP_SEC = 120;

const SLEEP = /^sleep (\d{1,3})$/;

/**
 * The echo of a text: the text itself, or for `sleep N` the text `slept N s` after N seconds (at most 120).
 *
 * @example
 * ```ts
 * echoText('hi'); // { type: 'text', content: 'hi' }
 * await echoText('sleep 2'); // { type: 'text', content: 'slept 2 s' }, two seconds later
 * ```
 */
export function echoText(content: string): Reply | Promise<Reply> {
  const sleep = SLEEP.exec(content.trim());
  if (!sleep) return reply.text(content);
  const seconds = Math.min(Number(sleep[1]), ECHO_MAX_SLEEP_SEC);
  return new Promise((resolve) =>
    setTimeout(() => resolve(reply.text(`slept ${seconds} s`)), seconds * 1000),
  );
}

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
  bot.on('text', (ctx) => echoText(ctx.message.content));
  bot.on('image', (ctx) => reply.image(ctx.message.mediaId));
  bot.on('voice', (ctx) => reply.voice(ctx.message.mediaId));
  bot.on('event.subscribe', () => reply.text(ECHO_WELCOME));
  return bot;
}
