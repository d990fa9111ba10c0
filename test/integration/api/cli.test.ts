import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { endpoints } from '../../../src/api/endpoints.js';
import { buildProgram } from '../../../src/cli/main.js';
import { WeChatApiError, WeChatError } from '../../../src/errors.js';
import { createEmulatedWeChat, EMULATOR_BASE, type EmulatedWeChat } from '../../support/emulated-wechat.js';

let wechat: EmulatedWeChat;
let dir: string;
let out: string[];
const saved = { ...process.env };

beforeEach(async () => {
  wechat = createEmulatedWeChat();
  wechat.addFans('OPENID_1');
  // The commands run in this process and call WeChat with the global fetch: it is the emulator's, no socket.
  vi.stubGlobal('fetch', wechat.fetch);
  dir = await mkdtemp(join(tmpdir(), 'wxmp-cli-api-'));
  Object.assign(process.env, {
    WECHAT_APPID: wechat.appId,
    WECHAT_APPSECRET: wechat.appSecret,
    WECHAT_API_BASE: EMULATOR_BASE,
  });
  delete process.env['REDIS_URL'];
  out = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  process.env = { ...saved };
  await rm(dir, { recursive: true, force: true });
  await wechat.close();
});

const run = (...args: string[]) => buildProgram().parseAsync(['node', 'wxmp', ...args]);
const MENU = { button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }] };

describe('wxmp menu', () => {
  it('push sends the file, get prints it, delete removes it', async () => {
    const file = join(dir, 'menu.json');
    await writeFile(file, JSON.stringify(MENU));
    await run('menu', 'push', file);
    expect(wechat.requestsOf('menu.create')[0]!.json).toEqual(MENU);
    out.length = 0;
    await run('menu', 'get');
    expect(JSON.parse(out.join(''))).toEqual({ menu: { ...MENU, menuid: expect.any(Number) as number } });
    await run('menu', 'delete');
    expect(await wechat.calls('menu.delete')).toBe(1);
    expect(wechat.state.menu).toBeUndefined();
  });

  it('push refuses a menu beyond the limits in one line, without calling WeChat', async () => {
    const file = join(dir, 'menu.json');
    await writeFile(file, JSON.stringify({ button: [] }));
    await expect(run('menu', 'push', file)).rejects.toThrow(
      /Menu menu needs 1 to 3 top-level buttons, got 0/,
    );
    expect(wechat.requests).toHaveLength(0);
  });

  it('push --dry-run only checks the file', async () => {
    const file = join(dir, 'menu.json');
    await writeFile(file, JSON.stringify(MENU));
    await run('menu', 'push', '--dry-run', file);
    expect(out.join('')).toContain('menu OK (1 top-level buttons)');
    expect(wechat.requests).toHaveLength(0);
  });

  it("get reports WeChat's error with its hint", async () => {
    const err: unknown = await run('menu', 'get').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err).toMatchObject({ errcode: 46003, hint: expect.stringContaining('wxmp menu push') as string });
  });
});

describe('wxmp api', () => {
  it('calls an endpoint by table name with a JSON request and prints the answer', async () => {
    await run('api', 'user.info', '{"openid":"OPENID_1"}');
    expect(JSON.parse(out.join(''))).toMatchObject({ openid: 'OPENID_1', subscribe: 1 });
  });

  it('calls an endpoint by path, keeping 64-bit ids exact', async () => {
    const request = '{"touser":"OPENID_1","template_id":"wxmp_tpl_order_shipped","data":{}}';
    await run('api', '/cgi-bin/message/template/send', request);
    const msgid = /"msgid": "(\d{19})"/.exec(out.join(''))?.[1];
    expect(wechat.requestsOf('template.send')[0]!.answerText).toContain(`"msgid":${msgid}`);
  });

  it('uploads "@file" fields of multipart endpoints and saves file answers with --out', async () => {
    const image = join(dir, 'a.jpg');
    await writeFile(image, new Uint8Array([0xff, 0xd8, 0xff]));
    await run('api', 'media.upload', JSON.stringify({ type: 'image', media: `@${image}` }));
    expect(wechat.requestsOf('media.upload')[0]!.form['media']).toMatchObject({
      filename: 'a.jpg',
      type: 'image/jpeg',
      size: 3,
    });
    const { media_id } = JSON.parse(out.join('')) as { media_id: string };
    const saved = join(dir, 'saved.jpg');
    await run('api', 'media.get', JSON.stringify({ media_id }), '--out', saved);
    expect(new Uint8Array(await readFile(saved))).toEqual(new Uint8Array([0xff, 0xd8, 0xff]));
  });

  it('--list prints every endpoint', async () => {
    await run('api', '--list');
    expect(out.join('').trim().split('\n')).toHaveLength(Object.keys(endpoints).length);
  });

  it('rejects an unknown endpoint and bad JSON with a config error', async () => {
    await expect(run('api', 'menu.nope')).rejects.toThrow(/not an endpoint of the table/);
    await expect(run('api', 'menu.create', '{button')).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('says which variable is missing', async () => {
    delete process.env['WECHAT_APPSECRET'];
    const err: unknown = await run('api', 'menu.get').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeChatError);
    expect((err as WeChatError).message).toContain('WECHAT_APPSECRET');
  });
});
