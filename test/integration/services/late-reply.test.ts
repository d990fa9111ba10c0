import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src/api/client.js';
import type { ChatEntry } from '../../../src/emulator/chat-entry.js';
import { reply } from '../../../src/replies/reply.js';
import { customerServiceMessages, lateReplyViaCustomerService } from '../../../src/services/late-reply.js';
import { startWebhookServer } from '../../../src/services/webhook-server.js';
import { startEmulator, type TestEmulator } from '../../../src/testing/index.js';
import { createTokenManager } from '../../../src/token/manager.js';
import { createWebhook } from '../../../src/webhook/handler.js';
import { Router } from '../../../src/webhook/router.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function nextChat(emu: TestEmulator, via: ChatEntry['via']): Promise<ChatEntry> {
  return new Promise((resolve) => {
    const listener = (entry: ChatEntry) => {
      if (entry.via !== via) return;
      emu.state.off('chat', listener);
      resolve(entry);
    };
    emu.state.on('chat', listener);
  });
}

describe('late replies through the customer-service API, against the emulator', () => {
  it('a handler past the reply budget: the webhook answers success, the fan still gets the reply', async () => {
    // The emulator plays WeChat on both sides: it pushes to our webhook and serves the customer-service API.
    const emu = await startEmulator();
    closers.push(() => emu.close());
    const { appId, appSecret, token } = emu.state.account;
    const tokens = createTokenManager({ appId, appSecret, apiBase: emu.url });
    closers.push(() => tokens.close());
    const client = createApiClient({ tokenProvider: tokens, apiBase: emu.url });

    const bot = new Router();
    bot.on('text', async (ctx) => {
      await new Promise((r) => setTimeout(r, 300));
      return reply.text(`late: ${ctx.message.content}`);
    });
    const webhook = createWebhook(bot, {
      token,
      replyBudgetMs: 100,
      lateReply: lateReplyViaCustomerService(client),
    });
    const server = await startWebhookServer({ webhook, host: '127.0.0.1' });
    closers.push(() => server.close());
    emu.state.account.webhookUrl = `${server.url}/wx`;

    const delivered = nextChat(emu, 'customer-service');
    const immediate = await emu.say('hello');
    expect(immediate.filter((e) => e.via === 'reply')).toEqual([]);
    expect(emu.state.pushes.at(-1)).toMatchObject({ verdict: { ok: true }, replyXml: 'success' });
    expect(await delivered).toMatchObject({
      openid: emu.fan,
      msgType: 'text',
      payload: { content: 'late: hello' },
    });
  });
});

describe('customerServiceMessages', () => {
  it('maps each deliverable reply type; news become one message per article', () => {
    expect(customerServiceMessages('o', reply.image('M'))).toEqual([
      { touser: 'o', msgtype: 'image', image: { media_id: 'M' } },
    ]);
    expect(customerServiceMessages('o', reply.news([{ title: 'a', url: 'u' }, { title: 'b' }]))).toHaveLength(
      2,
    );
    expect(customerServiceMessages('o', reply.transferCustomerService())).toEqual([]);
    expect(customerServiceMessages('o', reply.video({ mediaId: 'V' }))).toEqual([]);
  });
});
