/**
 * Each slow-handler strategy as a fan sees it, against the emulator (which plays WeChat's cut and three attempts):
 * the webhook on a loopback server, WeChat's 5-s cut shortened to 1 s on both sides (the budget to 0.8 s), and each
 * chat entry timed from the fan's message. The figures are printed for the closing note.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src/api/client.js';
import type { ChatEntry } from '../../../src/emulator/chat-entry.js';
import { lateReplyViaCustomerService, typingViaCustomerService } from '../../../src/services/late-reply.js';
import { startWebhookServer } from '../../../src/services/webhook-server.js';
import { startEmulator, type TestEmulator } from '../../../src/testing/index.js';
import { createTokenManager } from '../../../src/token/manager.js';
import { createEchoBot } from '../../../src/examples/echo.js';
import { createWebhook, type WebhookOptions } from '../../../src/webhook/handler.js';
import { DEFAULT_PULL_TEXT } from '../../../src/webhook/slow/strategy.js';

const CUT_MS = 1000;
const BUDGET_MS = 800;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The emulator and the echo bot (`sleep N` → `slept N s`) on its own server, with these options. */
async function world(options: (emu: TestEmulator) => Partial<WebhookOptions>) {
  const emu = await startEmulator({ pushTimeoutMs: CUT_MS });
  closers.push(() => emu.close());
  const webhook = createWebhook(createEchoBot(), {
    token: emu.state.account.token,
    replyBudgetMs: BUDGET_MS,
    wechatTimeoutMs: CUT_MS,
    ...options(emu),
  });
  const server = await startWebhookServer({ webhook, host: '127.0.0.1' });
  closers.push(async () => {
    await webhook.close({ graceMs: 0 });
    await server.close();
  });
  emu.state.account.webhookUrl = `${server.url}/wx`;
  // What the fan's phone shows, timed.
  const start = { at: Date.now() };
  const shown: { at: number; via: ChatEntry['via']; text: string }[] = [];
  const typing: number[] = [];
  emu.state.on('chat', (entry: ChatEntry) => {
    if (entry.direction !== 'out') return;
    const payload = entry.payload as { content?: string };
    shown.push({ at: Date.now() - start.at, via: entry.via, text: payload.content ?? entry.msgType });
  });
  emu.state.on('typing', (_openid: string, on: boolean) => {
    if (on) typing.push(Date.now() - start.at);
  });
  const say = async (text: string) => {
    start.at = Date.now();
    shown.length = 0;
    typing.length = 0;
    await emu.say(text);
    return emu.state.pushes.at(-1)!;
  };
  return { emu, say, shown, typing };
}

function customerService(emu: TestEmulator) {
  const { appId, appSecret } = emu.state.account;
  const tokens = createTokenManager({ appId, appSecret, apiBase: emu.url });
  closers.push(() => tokens.close());
  const client = createApiClient({ tokenProvider: tokens, apiBase: emu.url });
  return { lateReply: lateReplyViaCustomerService(client), typing: typingViaCustomerService(client) };
}

const until = async (check: () => boolean, ms = 8000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

describe('what the fan sees of a slow handler (WeChat cut at 1 s, budget 0.8 s)', () => {
  it('stretch: the answer arrives late but as the normal reply to the third attempt', async () => {
    const { say, shown } = await world(() => ({ slow: ['stretch', 'pull'] }));
    const push = await say('sleep 2');
    expect(push.attempts.map((a) => a.status ?? 'cut')).toEqual(['cut', 'cut', 200]);
    expect(shown).toEqual([{ at: expect.any(Number) as number, via: 'reply', text: 'slept 2 s' }]);
    expect(shown[0]!.at).toBeGreaterThanOrEqual(2000);
    expect(shown[0]!.at).toBeLessThan(2 * CUT_MS + BUDGET_MS);
    console.log(`stretch: fan saw "slept 2 s" as the passive reply at ${shown[0]!.at} ms (attempt 3)`);
  });
  it('pull: the pull text on the last attempt, the answer as the reply to the next message', async () => {
    const { say, shown } = await world(() => ({ slow: ['stretch', 'pull'] }));
    const push = await say('sleep 4');
    expect(push.attempts.map((a) => a.status ?? 'cut')).toEqual(['cut', 'cut', 200]);
    expect(shown.map((s) => s.text)).toEqual([DEFAULT_PULL_TEXT]);
    const pullAt = shown[0]!.at;
    expect(pullAt).toBeGreaterThanOrEqual(2 * CUT_MS + BUDGET_MS - 50);
    await new Promise((r) => setTimeout(r, 4000 - pullAt + 300));
    await say('1');
    expect(shown.map((s) => [s.via, s.text])).toEqual([['reply', 'slept 4 s']]);
    console.log(
      `pull: fan saw "${DEFAULT_PULL_TEXT}" at ${pullAt} ms, then "slept 4 s" as the reply to the next message (${shown[0]!.at} ms after it)`,
    );
  });
  it('customer-service: success at the budget, "typing" on the phone, the answer as a customer-service message', async () => {
    const { say, shown, typing } = await world((emu) => ({
      slow: ['customer-service'],
      ...customerService(emu),
    }));
    const push = await say('sleep 2');
    expect(push.attempts).toHaveLength(1);
    expect(push.replyXml).toBe('success');
    await until(() => shown.length > 0);
    expect(typing.length).toBeGreaterThanOrEqual(1);
    expect(typing[0]).toBeGreaterThanOrEqual(BUDGET_MS - 50);
    expect(shown).toEqual([{ at: expect.any(Number) as number, via: 'customer-service', text: 'slept 2 s' }]);
    expect(shown[0]!.at).toBeGreaterThanOrEqual(2000);
    console.log(
      `customer-service: typing shown at ${typing[0]} ms, "slept 2 s" as a customer-service message at ${shown[0]!.at} ms`,
    );
  });
  it('a long answer: the first part as the reply, the rest by customer service, nothing cut', async () => {
    const { say, shown } = await world((e) => ({ slow: ['customer-service'], ...customerService(e) }));
    const long = `${'长'.repeat(1000)}😀${'x'.repeat(10)}`;
    await say(long);
    await until(() => shown.length >= 2);
    expect(shown.map((s) => s.via)).toEqual(['reply', 'customer-service']);
    expect(shown.map((s) => s.text).join('')).toBe(long);
    for (const s of shown) expect(Buffer.byteLength(s.text)).toBeLessThanOrEqual(2047);
  });
});
