import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { computeSignature } from '../../../src/crypto/signature.js';
import { createEchoBot } from '../../../src/examples/echo.js';
import { EXAMPLE_MENU } from '../../../src/examples/menu.js';
import { createEmulator } from '../../../src/emulator/app.js';
import { startDev } from '../../../src/emulator/dev.js';
import { createFan, DEFAULT_FAN } from '../../../src/emulator/fans/create-fan.js';
import type { ChatEntry } from '../../../src/emulator/chat-entry.js';
import type { Logger } from '../../../src/logger.js';
import { reply } from '../../../src/replies/reply.js';
import { startEmulator } from '../../../src/testing/index.js';
import { Router } from '../../../src/webhook/router.js';

/** Reads server-sent events from a stream until `until` accepts one; returns the events read. */
async function readEvents(
  url: string,
  act: () => Promise<unknown>,
  until: (event: string, data: unknown) => boolean,
) {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { event: string; data: unknown }[] = [];
  let buffer = '';
  let acted = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as unknown;
      events.push({ event, data });
      // Act once the stream is open (after its hello), so no event is missed.
      if (event === 'hello' && !acted) {
        acted = true;
        void act();
      }
      if (until(event, data)) {
        controller.abort();
        return events;
      }
    }
  }
  return events;
}

describe('startEmulator (for tests)', () => {
  it('serves your bot in safe mode and says hello', async () => {
    const emu = await startEmulator({ bot: createEchoBot(), mode: 'safe' });
    try {
      const [reply] = await emu.say('hello');
      expect(reply).toMatchObject({ via: 'reply', msgType: 'text', payload: { content: 'hello' } });
      expect(emu.state.pushes.at(-1)).toMatchObject({ mode: 'safe', verdict: { ok: true } });
      expect(emu.state.pushes.at(-1)!.requestBody).not.toContain('<MsgType>');
      const page = await fetch(`${emu.url}/`);
      expect(page.headers.get('content-type')).toContain('text/html');
    } finally {
      await emu.close();
    }
  });

  it('streams chat, push and change events over SSE', async () => {
    const emu = await startEmulator({ bot: createEchoBot() });
    try {
      const events = await readEvents(
        `${emu.url}/__emulator/events`,
        () => emu.say('live'),
        (event) => event === 'push',
      );
      const names = events.map((e) => e.event);
      expect(names[0]).toBe('hello');
      expect(names).toContain('chat');
      expect(events.find((e) => e.event === 'chat')!.data).toMatchObject({
        direction: 'in',
        payload: { content: 'live' },
      });
      expect(events.at(-1)!.data).toMatchObject({ kind: 'text', verdict: { ok: true } });
      const changes = await readEvents(
        `${emu.url}/__emulator/events`,
        () => Promise.resolve(createFan(emu.state)),
        (event) => event === 'change',
      );
      expect(changes.at(-1)!.data).toEqual({ what: 'fans' });
    } finally {
      await emu.close();
    }
  });
});

describe('wxmp dev, in-process', () => {
  it('serves the page, seeds the example menu and answers chat and menu through the bot at /wx', async () => {
    const dev = await startDev({ port: 0 });
    try {
      expect(dev.example).toBe('menu');
      const html = await (await fetch(dev.url)).text();
      expect(html).toContain('/__emulator/ui/app.js');
      expect(dev.emulator.state.menu?.button).toEqual(EXAMPLE_MENU.button);
      const chat = await dev.emulator.fans.text(DEFAULT_FAN.openid, 'echo me');
      expect(chat.pushes[0]!.entries[0]?.payload).toEqual({ content: 'echo me' });
      const click = await dev.emulator.fans.menu(DEFAULT_FAN.openid, { path: [0] });
      expect(click.pushes[0]!.entries[0]?.payload).toEqual({ content: '你点击了菜单: V1001_TODAY_MUSIC' });
      // The bot is a real webhook: URL verification works with the account's Token.
      const now = String(Math.floor(Date.now() / 1000));
      const signature = computeSignature(dev.emulator.state.account.token, now, '2');
      const verify = await fetch(`${dev.url}wx?signature=${signature}&timestamp=${now}&nonce=2&echostr=e1`);
      expect(await verify.text()).toBe('e1');
    } finally {
      await dev.close();
    }
  });

  it('delivers a reply that missed the reply budget to the phone as a customer-service message', async () => {
    // The handler waits until the push is over, so it is late whatever the machine's speed.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const bot = new Router();
    bot.on('text', async (ctx) => {
      await released;
      return reply.text(`late: ${ctx.message.content}`);
    });
    // Warnings and errors after the release mean the late reply went nowhere (dropped, or its delivery failed).
    let problem = (_line: string) => {};
    const note = (obj: object, msg?: string) => problem(`${msg ?? ''} ${JSON.stringify(obj)}`);
    const logger: Logger = { debug: () => {}, info: () => {}, warn: note, error: note };
    const dev = await startDev({ port: 0, bot, replyBudgetMs: 50, logger });
    try {
      expect(dev.example).toBeUndefined();
      const { pushes } = await dev.emulator.fans.text(DEFAULT_FAN.openid, 'slow');
      // Past the budget the webhook answered `success`: WeChat accepts it and the fan sees nothing yet.
      expect(pushes[0]!.record).toMatchObject({ verdict: { ok: true }, replyXml: 'success' });
      expect(pushes[0]!.entries).toEqual([]);

      const outcome = new Promise<ChatEntry | string>((resolve) => {
        dev.emulator.state.on('chat', (entry) => {
          if (entry.via === 'customer-service') resolve(entry);
        });
        problem = resolve;
      });
      release();
      expect(await outcome).toMatchObject({
        openid: DEFAULT_FAN.openid,
        direction: 'out',
        via: 'customer-service',
        msgType: 'text',
        payload: { content: 'late: slow' },
      });
      expect(dev.emulator.state.chats.get(DEFAULT_FAN.openid)?.at(-1)?.via).toBe('customer-service');
    } finally {
      release();
      await dev.close();
    }
  });

  it('with --webhook pushes to the given server and mounts no bot', async () => {
    const target = await startEmulator({ bot: createEchoBot() });
    const dev = await startDev({ port: 0, webhookUrl: `${target.url}/wx` });
    try {
      expect(dev.example).toBeUndefined();
      expect((await fetch(`${dev.url}wx`)).status).toBe(404);
      const { pushes } = await dev.emulator.fans.text(DEFAULT_FAN.openid, 'to my server');
      expect(pushes[0]!.entries[0]?.payload).toEqual({ content: 'to my server' });
    } finally {
      await dev.close();
      await target.close();
    }
  });
});

describe('the state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wxmp-emulator-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps fans, chats and menus across restarts', async () => {
    const file = join(dir, 'state.json');
    const first = createEmulator({ stateFile: file, menu: EXAMPLE_MENU });
    const fan = createFan(first.state, { nickname: '留存' });
    await first.fans.follow(fan.openid);
    await first.close();

    const second = createEmulator({ stateFile: file });
    expect(second.state.fans.get(fan.openid)).toMatchObject({ nickname: '留存', following: true });
    expect(second.state.chats.get(fan.openid)?.length).toBeGreaterThan(0);
    expect(second.state.menu?.button).toEqual(EXAMPLE_MENU.button);
    await second.close();
  });

  it('saves what the platform API changed while running, without a restart or a chat', async () => {
    const file = join(dir, 'api.json');
    const emulator = createEmulator({ stateFile: file });
    const { appId, appSecret } = emulator.state.account;
    const token = (await (
      await emulator.app.request(
        `/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${appSecret}`,
      )
    ).json()) as { access_token: string };
    // A QR code changes only the platform's storage: no chat, push or page event announces it.
    const created = await emulator.app.request(`/cgi-bin/qrcode/create?access_token=${token.access_token}`, {
      method: 'POST',
      body: JSON.stringify({
        action_name: 'QR_LIMIT_STR_SCENE',
        action_info: { scene: { scene_str: 'kept-scene' } },
      }),
    });
    expect(await created.json()).toMatchObject({ ticket: expect.any(String) as unknown });
    await vi.waitFor(() => expect(readFileSync(file, 'utf8')).toContain('kept-scene'), { timeout: 5000 });
    await emulator.close();
  });
});
