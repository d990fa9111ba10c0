import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookServer } from '../../../src/services/webhook-server.js';
import { startEmulator } from '../../../src/testing/index.js';
import { createWebhook } from '../../../src/webhook/handler.js';
import { Router } from '../../../src/webhook/router.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe("the emulator's verdict on a push the server refused", () => {
  it('names the Token when the server answers 401 invalid signature', async () => {
    const bot = new Router();
    bot.on('text', () => 'hi');
    const server = await startWebhookServer({
      webhook: createWebhook(bot, { token: 'NotTheEmulatorsToken' }),
      host: '127.0.0.1',
    });
    closers.push(() => server.close());
    const emu = await startEmulator({ webhookUrl: `${server.url}/wx`, pushTimeoutMs: 2000 });
    closers.push(() => emu.close());
    await emu.say('hello');
    expect(emu.state.pushes.at(-1)?.verdict).toEqual({
      ok: false,
      reason:
        "HTTP status 401 (WeChat needs 200): your server's WECHAT_TOKEN differs from the emulator's: Settings → Token",
    });
  });
});
