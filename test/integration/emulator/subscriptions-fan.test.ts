/**
 * The fan's side of subscriptions and articles, against a bot on a loopback port: the popup and the settings push
 * subscribe_msg_popup_event and subscribe_msg_change_event (typed for the bot's `on()`), a notification's delivery
 * pushes subscribe_msg_sent_event, the one-time subscription page sends the fan back with the answer, and fans
 * comment on, read and share sent articles through the fan-action API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type WeChatClient } from '../../../src/api/client.js';
import type { Emulator } from '../../../src/emulator/app.js';
import type { SubscribeMsgChangeEvent, SubscribeMsgPopupEvent } from '../../../src/messages/types.js';
import { Router } from '../../../src/webhook/router.js';
import { botServer, emulatorFor, FAN, type Loopback } from './support.js';

const popups: SubscribeMsgPopupEvent[] = [];
const changes: SubscribeMsgChangeEvent[] = [];
const sent: string[] = [];
const bot = new Router();
bot.on('event.subscribe_msg_popup_event', (ctx) => void popups.push(ctx.message));
bot.on('event.subscribe_msg_change_event', (ctx) => void changes.push(ctx.message));
bot.on(
  'event.subscribe_msg_sent_event',
  (ctx) => void sent.push(...ctx.message.list.map((item) => item.msgId)),
);

let server: Loopback;
let emulator: Emulator;
let client: WeChatClient;
beforeAll(async () => {
  server = await botServer(bot);
  emulator = emulatorFor(server.url, 'safe', { platform: { jobFinishDelayMs: 0 } });
  const app = emulator.app;
  client = createApiClient({
    tokenProvider: { getToken: () => token(), invalidate: () => Promise.resolve() },
    apiBase: 'http://emulator.test',
    fetch: (input, init) => Promise.resolve(app.fetch(new Request(input, init))),
  });
});
afterAll(() => server.close());

async function token(): Promise<string> {
  const { appId, appSecret } = emulator.state.account;
  const res = await emulator.app.request(
    `/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${appSecret}`,
  );
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A one-time subscription message to the fan. */
const oneTime = (templateId: string, scene: string, content: string) => ({
  touser: FAN,
  template_id: templateId,
  scene,
  title: '到货',
  data: { content: { value: content } },
});

const action = (path: string, body: unknown) =>
  emulator.app.request(`/__emulator/fans/${FAN}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the fan’s subscriptions', () => {
  it('answers a popup in an article: the bot gets subscribe_msg_popup_event, and the send is allowed', async () => {
    const res = await action('subscribe-popup', {
      scene: 2,
      templates: [
        { template_id: 'wxmp_sub_arrival', accept: true },
        { template_id: 'wxmp_sub_order_paid', accept: false },
      ],
    });
    expect(res.status).toBe(200);
    expect(popups.at(-1)?.list).toEqual([
      { templateId: 'wxmp_sub_arrival', subscribeStatusString: 'accept', popupScene: '2' },
      { templateId: 'wxmp_sub_order_paid', subscribeStatusString: 'reject', popupScene: '2' },
    ]);
    const data = { thing1: { value: '1路' }, thing2: { value: '体育中心' }, time3: { value: '08:05' } };
    await client.subscribe.send({ touser: FAN, template_id: 'wxmp_sub_arrival', data });
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]).toMatch(/^\d{19}$/);
  });

  it('turns one off in the settings: subscribe_msg_change_event (reject), and the next send is refused', async () => {
    const res = await action('subscribe-reject', { template_id: 'wxmp_sub_arrival' });
    expect(res.status).toBe(200);
    expect(changes.at(-1)?.list).toEqual([
      { templateId: 'wxmp_sub_arrival', subscribeStatusString: 'reject' },
    ]);
    const data = { thing1: { value: '1路' }, thing2: { value: '站' }, time3: { value: '08:05' } };
    await expect(
      client.subscribe.send({ touser: FAN, template_id: 'wxmp_sub_arrival', data }),
    ).rejects.toMatchObject({
      errcode: 43101,
    });
    expect((await action('subscribe-reject', { template_id: 'wxmp_sub_arrival' })).status).toBe(409);
  });

  it('refuses a popup of an unknown template (404) and a malformed one (400)', async () => {
    expect(
      (await action('subscribe-popup', { templates: [{ template_id: 'nope', accept: true }] })).status,
    ).toBe(404);
    expect((await action('subscribe-popup', { templates: [] })).status).toBe(400);
  });
});

describe('the one-time subscription page', () => {
  const query = (extra = '') =>
    `/mp/subscribemsg?action=get_confirm&appid=${emulator.state.account.appId}&scene=1000&template_id=T1` +
    `&redirect_url=${encodeURIComponent('https://example.com/sub?x=1')}&reserved=r1${extra}`;

  it('shows the account’s request, and 允许 sends the fan back with action=confirm', async () => {
    const page = await emulator.app.request(query());
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('申请向你发送一次消息');
    const form = new URLSearchParams(new URL(`http://e${query()}`).search);
    form.set('fan', FAN);
    form.set('decision', 'confirm');
    const answer = await emulator.app.request('/mp/subscribemsg/confirm', { method: 'POST', body: form });
    expect(answer.status).toBe(302);
    const back = new URL(answer.headers.get('location')!);
    expect(Object.fromEntries(back.searchParams)).toEqual({
      x: '1',
      openid: FAN,
      template_id: 'T1',
      action: 'confirm',
      scene: '1000',
      reserved: 'r1',
    });
    await expect(client.subscribe.sendOneTime(oneTime('T1', '1000', '到了'))).resolves.toMatchObject({
      errcode: 0,
    });
  });

  it('the phone’s sheet answers through the fan action the same way; 取消 allows nothing', async () => {
    const res = await action('subscribe-once', {
      template_id: 'T2',
      scene: '7',
      redirect_url: 'https://example.com/sub',
      action: 'cancel',
    });
    const { opened } = (await res.json()) as { opened: { url: string } };
    expect(opened.url).toBe(
      `https://example.com/sub?openid=${FAN}&template_id=T2&action=cancel&scene=7&reserved=`,
    );
    await expect(client.subscribe.sendOneTime(oneTime('T2', '7', 'x'))).rejects.toMatchObject({
      errcode: 43101,
    });
  });

  it('shows WeChat’s error page for another account or a bad scene', async () => {
    expect((await emulator.app.request(query().replace(/appid=[^&]+/, 'appid=wxother'))).status).toBe(400);
    expect((await emulator.app.request(query().replace('scene=1000', 'scene=10001'))).status).toBe(400);
  });
});
