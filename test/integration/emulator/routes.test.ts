import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEchoBot } from '../../../src/examples/echo.js';
import { createEmulator, type Emulator } from '../../../src/emulator/app.js';
import { DEFAULT_FAN } from '../../../src/emulator/fans/create-fan.js';
import { parseMessage } from '../../../src/messages/parse.js';
import type { ActionResult } from '../../../src/emulator/fans/action-types.js';
import { botServer, entryOf, type Loopback } from './support.js';

const FAN = DEFAULT_FAN.openid;
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGM4AwAAzgDN1GaQsAAAAABJRU5ErkJggg==';

let server: Loopback;
let emulator: Emulator;
beforeAll(async () => {
  server = await botServer(createEchoBot());
  emulator = createEmulator({
    account: { webhookUrl: server.url, mode: 'compatible' },
    platform: { jobFinishDelayMs: 0 },
  });
});
afterAll(async () => {
  await emulator.close();
  await server.close();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const init: RequestInit =
    body === undefined
      ? { method }
      : { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  const res = await emulator.app.request(path, init);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('the fan-action API', () => {
  it('sends text and answers with the fan bubble, the push record and the reply', async () => {
    const { status, json } = await call('POST', `/__emulator/fans/${FAN}/text`, { content: 'hi there' });
    const result = json as unknown as ActionResult;
    expect(status).toBe(200);
    expect(result.sent[0]).toMatchObject({ msgType: 'text', payload: { content: 'hi there' } });
    expect(result.pushes[0]!.record.verdict).toEqual({ ok: true });
    expect(result.pushes[0]!.entries[0]?.payload).toEqual({ content: 'hi there' });
  });

  it('sends a msgmenu choice with its bizmsgmenuid, as the phone page does', async () => {
    const { json } = await call('POST', `/__emulator/fans/${FAN}/text`, {
      content: '满意',
      bizMsgMenuId: '101',
    });
    const record = (json as unknown as ActionResult).pushes[0]!.record;
    expect(record.messageXml).toContain('<Content><![CDATA[满意]]></Content>');
    expect(record.messageXml).toContain('<bizmsgmenuid><![CDATA[101]]></bizmsgmenuid>');
  });

  it('lists the chat and the pushes', async () => {
    const chat = await call('GET', `/__emulator/fans/${FAN}/chat`);
    expect((chat.json['entries'] as unknown[]).length).toBeGreaterThanOrEqual(2);
    const pushes = (await call('GET', '/__emulator/pushes')).json['pushes'] as { id: string }[];
    const one = await call('GET', `/__emulator/pushes/${pushes[0]!.id}`);
    expect(one.json['id']).toBe(pushes[0]!.id);
    expect((await call('GET', '/__emulator/pushes/nope')).status).toBe(404);
  });

  it('uploads an image: stored as media, served by the emulator, echoed back by media_id', async () => {
    const { json } = await call('POST', `/__emulator/fans/${FAN}/image`, {
      file: { data: PNG, contentType: 'image/png', filename: 'a.png' },
    });
    const result = json as unknown as ActionResult;
    const { mediaId } = entryOf(result.sent[0], 'image').payload;
    const image = parseMessage(result.pushes[0]!.record.messageXml);
    expect(image).toMatchObject({ type: 'image', mediaId });
    expect(result.pushes[0]!.entries[0]).toMatchObject({
      via: 'reply',
      msgType: 'image',
      payload: { mediaId },
    });
    const file = await emulator.app.request(`/__emulator/media/${mediaId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('image/png');
    expect(Buffer.from(await file.arrayBuffer()).toString('base64')).toBe(PNG);
  });

  it('creates fans that do not follow yet, and lists them', async () => {
    const created = await call('POST', '/__emulator/fans', { nickname: '小红' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ nickname: '小红', following: false });
    expect(created.json['openid']).toMatch(/^o[\w-]{27}$/);
    const listed = (await call('GET', '/__emulator/fans')).json['fans'] as { openid: string }[];
    expect(listed.map((f) => f.openid)).toContain(created.json['openid']);
    const notYet = await call('POST', `/__emulator/fans/${String(created.json['openid'])}/text`, {
      content: 'hi',
    });
    expect(notYet.status).toBe(409);
    expect(notYet.json['error']).toMatch(/follow/);
  });

  it.each([
    ['text without content', 'text', {}, /content/],
    ['a link with a bad URL', 'link', { title: 't', url: 'not a url' }, /url/],
    ['a location out of range', 'location', { latitude: 91, longitude: 0 }, /latitude/],
    ['a menu tap with both path and key', 'menu', { path: [0], key: 'x' }, /either path/],
    ['a body that is not JSON', 'text', 'nope{', /JSON/],
  ])('rejects %s with 400 and the reason', async (_name, action, body, reason) => {
    const res = await emulator.app.request(`/__emulator/fans/${FAN}/${action}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(reason);
  });

  it('answers 404 for an unknown fan', async () => {
    const res = await call('POST', '/__emulator/fans/oNobody000/text', { content: 'x' });
    expect(res.status).toBe(404);
  });

  it('changes the webhook URL and mode, and announces it', async () => {
    const seen: string[] = [];
    emulator.state.on('change', (what) => seen.push(what));
    const res = await call('PATCH', '/__emulator/server', { mode: 'safe' });
    expect(res.json['account']).toMatchObject({ mode: 'safe' });
    expect(seen).toContain('account');
    expect((await call('PATCH', '/__emulator/server', { mode: 'loud' })).status).toBe(400);
    const again = await call('POST', `/__emulator/fans/${FAN}/text`, { content: 'safe now' });
    expect((again.json as unknown as ActionResult).pushes[0]!.record).toMatchObject({
      mode: 'safe',
      verdict: { ok: true },
    });
  });

  it('gives the page the account (with its development credentials), fans with menus, and QR tickets', async () => {
    const { json } = await call('GET', '/__emulator/page');
    expect(json['account']).toMatchObject({
      appId: emulator.state.account.appId,
      appSecret: emulator.state.account.appSecret,
    });
    expect(json['apiBase']).toBe('http://localhost');
    expect((json['fans'] as { openid: string; menu: unknown }[]).find((f) => f.openid === FAN)).toMatchObject(
      { menu: null },
    );
    expect(json['qrTickets']).toEqual([]);
  });
});

describe('QR codes', () => {
  async function accessToken(): Promise<string> {
    const { appId, appSecret } = emulator.state.account;
    const res = await emulator.app.request(
      `/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${appSecret}`,
    );
    return ((await res.json()) as { access_token: string }).access_token;
  }
  async function createQr(scene: Record<string, unknown>, action: string): Promise<string> {
    const res = await emulator.app.request(`/cgi-bin/qrcode/create?access_token=${await accessToken()}`, {
      method: 'POST',
      body: JSON.stringify({ action_name: action, expire_seconds: 600, action_info: { scene } }),
    });
    return ((await res.json()) as { ticket: string }).ticket;
  }

  it('a fan who does not follow scans: subscribe with qrscene_ and the ticket; the fan records the scene', async () => {
    await call('PATCH', '/__emulator/server', { mode: 'plain' });
    const ticket = await createQr({ scene_id: 123 }, 'QR_SCENE');
    const fan = (await call('POST', '/__emulator/fans', {})).json as { openid: string };
    const { json } = await call('POST', `/__emulator/fans/${fan.openid}/scan`, { ticket });
    const result = json as unknown as ActionResult;
    expect(parseMessage(result.pushes[0]!.record.messageXml)).toMatchObject({
      type: 'event',
      event: 'subscribe',
      eventKey: 'qrscene_123',
      scene: '123',
      ticket,
    });
    expect(emulator.state.fans.get(fan.openid)).toMatchObject({
      following: true,
      subscribeScene: 'ADD_SCENE_QR_CODE',
      qrScene: 123,
    });
  });

  it('a follower scans: SCAN with the bare scene', async () => {
    const ticket = await createQr({ scene_str: 'promo' }, 'QR_STR_SCENE');
    const { json } = await call('POST', `/__emulator/fans/${FAN}/scan`, { ticket });
    const result = json as unknown as ActionResult;
    expect(parseMessage(result.pushes[0]!.record.messageXml)).toMatchObject({
      event: 'SCAN',
      eventKey: 'promo',
      scene: 'promo',
      ticket,
    });
    const page = await call('GET', '/__emulator/page');
    expect((page.json['qrTickets'] as { ticket: string }[]).map((t) => t.ticket)).toContain(ticket);
  });

  it('an unknown ticket is refused with 404', async () => {
    expect((await call('POST', `/__emulator/fans/${FAN}/scan`, { ticket: 'gQnope' })).status).toBe(404);
  });
});
