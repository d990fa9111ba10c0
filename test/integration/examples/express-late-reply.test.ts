import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLateReplyApp } from '../../../examples/express-late-reply/server.js';
import type { ChatEntry } from '../../../src/emulator/chat-entry.js';
import { startEmulator, type TestEmulator } from '../../../src/testing/index.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  vi.restoreAllMocks();
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

async function listen(app: ReturnType<typeof createLateReplyApp>['app']): Promise<string> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/wx`;
}

describe('examples/express-late-reply against the emulator (safe mode)', () => {
  it('answers a slow message with success, then delivers it as a customer-service message', async () => {
    const emu = await startEmulator({ mode: 'safe' });
    closers.push(() => emu.close());
    const { appId, appSecret, token, encodingAESKey } = emu.state.account;
    const example = createLateReplyApp({
      token,
      appId,
      appSecret,
      encodingAESKey,
      apiBase: emu.url,
      replyBudgetMs: 100,
      slowUnitMs: 100,
    });
    closers.push(example.close);
    emu.state.account.webhookUrl = await listen(example.app);

    const [quick] = await emu.say('你好');
    expect(quick?.payload).toEqual({ content: '你说: 你好' });

    const delivered = nextChat(emu, 'customer-service');
    const immediate = await emu.say('slow 3');
    expect(immediate.filter((e) => e.via === 'reply')).toEqual([]);
    expect(emu.state.pushes.at(-1)).toMatchObject({ verdict: { ok: true }, replyXml: 'success' });
    expect(await delivered).toMatchObject({
      openid: emu.fan,
      msgType: 'text',
      payload: { content: '想了 3 秒: 你说的是 "slow 3"' },
    });
  });

  it('without the AppSecret, says on stderr that the late answer could not be delivered', async () => {
    const emu = await startEmulator();
    closers.push(() => emu.close());
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const example = createLateReplyApp({
      token: emu.state.account.token,
      replyBudgetMs: 100,
      slowUnitMs: 100,
    });
    emu.state.account.webhookUrl = await listen(example.app);
    await emu.say('slow 2');
    await vi.waitFor(() => expect(stderr).toHaveBeenCalled(), { timeout: 5000 });
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^wxmp: late reply dropped: configure lateReply/);
  });
});
