/**
 * The README's bot on Express, with slow answers delivered: a handler that needs longer than WeChat's 5 seconds (a
 * language model, a slow database) is answered `success` at once, and its reply goes to the fan as a
 * customer-service message once ready (客服消息; a verified account, or the test account, has that API).
 *
 * ```sh
 * WECHAT_TOKEN=… WECHAT_APPID=wx… WECHAT_APPSECRET=… WECHAT_ENCODING_AES_KEY=… PORT=8080 \
 *   npx tsx examples/express-late-reply/server.ts
 * # against the emulator instead of WeChat: WECHAT_API_BASE=http://127.0.0.1:3000 with `npx wxmp dev --webhook
 * # http://127.0.0.1:8080/wx` (the emulator prints its credentials)
 * ```
 *
 * Send it `slow 7`: the answer comes after 7 seconds, as a customer-service message. Without `WECHAT_APPSECRET` there
 * is no way to deliver it: wxmp says so on stderr ("late reply dropped") instead of losing it silently. (An account
 * without the customer-service API, such as an unverified 订阅号, uses the `stretch` and `pull` strategies instead.)
 * @module
 */
import { pathToFileURL } from 'node:url';
import type { Server } from 'node:http';
import express from 'express';
import { createApiClient } from '../../src/api/client.js';
import { reply } from '../../src/replies/reply.js';
import { lateReplyViaCustomerService } from '../../src/services/late-reply.js';
import { createTokenManager } from '../../src/token/manager.js';
import { expressHandler } from '../../src/webhook/adapters/express.js';
import { createWebhook } from '../../src/webhook/handler.js';
import { Router } from '../../src/webhook/router.js';

/**
 * Settings of the example, as the environment gives them.
 *
 * @example
 * ```ts
 * const o: LateReplyExampleOptions = { token: 'AAAAA', appId: 'wx…', appSecret: '…' };
 * ```
 */
export interface LateReplyExampleOptions {
  token: string;
  appId?: string | undefined;
  appSecret?: string | undefined;
  encodingAESKey?: string | undefined;
  /** WeChat (default) or the emulator. */
  apiBase?: string | undefined;
  /** How long the bot may take before the answer goes out late (default 4500 ms, under WeChat's 5 s). */
  replyBudgetMs?: number;
  /** The unit of `slow N` in ms (1000: seconds; tests shorten it). */
  slowUnitMs?: number;
}

/**
 * The bot: echoes text; `slow N` answers after N units of work, as a slow model would.
 *
 * @example
 * ```ts
 * const webhook = createWebhook(lateReplyBot(), { token: 'AAAAA' });
 * ```
 */
export function lateReplyBot(slowUnitMs = 1000): Router {
  const bot = new Router();
  bot.text(/^slow (\d+)$/, async (ctx) => {
    const units = Number(ctx.match[1]);
    await new Promise((resolve) => setTimeout(resolve, units * slowUnitMs));
    return reply.text(`想了 ${units} 秒: 你说的是 "${ctx.message.content}"`);
  });
  bot.on('text', (ctx) => reply.text(`你说: ${ctx.message.content}`));
  bot.on('event.subscribe', () => '欢迎关注! 发送 "slow 7" 试试超过 5 秒的回复');
  return bot;
}

/**
 * The Express app with the webhook at `/wx`, and what to close when done.
 *
 * @example
 * ```ts
 * const { app, close } = createLateReplyApp({ token: 'AAAAA', appId: 'wx…', appSecret: '…' });
 * const server = app.listen(8080);
 * ```
 */
export function createLateReplyApp(options: LateReplyExampleOptions): {
  app: express.Express;
  close: () => Promise<void>;
} {
  // The customer-service API needs the access_token, hence the AppID and AppSecret.
  const tokens =
    options.appId && options.appSecret
      ? createTokenManager({ appId: options.appId, appSecret: options.appSecret, apiBase: options.apiBase })
      : undefined;
  const lateReply = tokens
    ? lateReplyViaCustomerService(createApiClient({ tokenProvider: tokens, apiBase: options.apiBase }))
    : undefined;
  const webhook = createWebhook(lateReplyBot(options.slowUnitMs), {
    token: options.token,
    appId: options.appId,
    encodingAESKey: options.encodingAESKey,
    ...(options.replyBudgetMs === undefined ? {} : { replyBudgetMs: options.replyBudgetMs }),
    ...(lateReply ? { lateReply } : {}),
    // This example shows the customer-service strategy alone (without it, wxmp would stretch and pull: see
    // docs/slow-handlers.md), so that without the AppSecret the undeliverable answer is said on stderr.
    slow: ['customer-service'],
  });
  const app = express();
  app.all('/wx', expressHandler(webhook));
  return { app, close: async () => await tokens?.close() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const token = process.env['WECHAT_TOKEN'];
  if (!token) {
    console.error(
      'wxmp example: set WECHAT_TOKEN (and WECHAT_APPID, WECHAT_APPSECRET to deliver late replies)',
    );
    process.exit(2);
  }
  const { app } = createLateReplyApp({
    token,
    appId: process.env['WECHAT_APPID'],
    appSecret: process.env['WECHAT_APPSECRET'],
    encodingAESKey: process.env['WECHAT_ENCODING_AES_KEY'],
    apiBase: process.env['WECHAT_API_BASE'],
  });
  const port = Number(process.env['PORT'] ?? 8080);
  const server: Server = app.listen(port, () => console.log(`listening at http://127.0.0.1:${port}/wx`));
  process.once('SIGTERM', () => server.close());
}
