/**
 * client.ai and client.qrcodeJump against the emulator in process: the AI calls send their audio or text as the raw
 * body with the other fields in the query (the table's `raw` request kind), the jump rules as JSON; each gets the
 * emulator's typed answer, or its WeChatApiError with the page's code.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { WeChatClient } from '../../../../src/api/client.js';
import { WeChatError } from '../../../../src/errors.js';
import { EMULATED_SPEECH } from '../../../../src/emulator/platform/ai.js';
import { createPlatform, inProcessClient, refusedWith, type Platform } from './helpers.js';

const MP3 = Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.alloc(64, 0x55)]);
const MINI_PROGRAM = 'wx0123456789abcdef';

let p: Platform;
let client: WeChatClient;
const sent: { url: URL; contentType: string | null; body: Buffer }[] = [];

beforeEach(() => {
  p = createPlatform();
  sent.length = 0;
  client = inProcessClient(p, {
    fetch: async (input, init) => {
      const request = new Request(input, init);
      sent.push({
        url: new URL(request.url),
        contentType: request.headers.get('content-type'),
        body: Buffer.from(await request.clone().arrayBuffer()),
      });
      return p.app.fetch(request);
    },
  });
});

describe('client.ai', () => {
  it('submitVoice sends the mp3 as the body, format, voice_id and lang in the query', async () => {
    await expect(client.ai.submitVoice('v1', MP3, 'en_US')).resolves.toMatchObject({ errcode: 0 });
    const last = sent.at(-1)!;
    expect(last.contentType).toBe('audio/mpeg');
    expect(last.body.equals(MP3)).toBe(true);
    expect(Object.fromEntries(last.url.searchParams)).toMatchObject({
      format: 'mp3',
      voice_id: 'v1',
      lang: 'en_US',
    });
    expect(last.url.searchParams.has('voice')).toBe(false);
    // A Blob keeps its own type; an ArrayBuffer goes as it is.
    await client.ai.submitVoice('v2', new Blob([MP3], { type: 'audio/mp3' }));
    expect(sent.at(-1)?.contentType).toBe('audio/mp3');
    await client.ai.submitVoice('v3', MP3.buffer.slice(MP3.byteOffset, MP3.byteOffset + MP3.length));
    expect(sent.at(-1)?.body.equals(MP3)).toBe(true);
  });

  it('submitVoice is refused with 40010 for an empty recording', async () => {
    expect(await refusedWith(client.ai.submitVoice('v', new Uint8Array(0)))).toBe(40010);
  });

  it('queryVoiceResult reads the text of a submitted recording (query only, no body)', async () => {
    await client.ai.submitVoice('v1', MP3);
    const { result } = await client.ai.queryVoiceResult('v1', 'zh_CN');
    expect(result).toBe(EMULATED_SPEECH['zh_CN']);
    expect(sent.at(-1)?.body.length).toBe(0);
    expect(Object.fromEntries(sent.at(-1)!.url.searchParams)).toMatchObject({
      voice_id: 'v1',
      lang: 'zh_CN',
    });
    p.advance(11);
    expect(await refusedWith(client.ai.queryVoiceResult('v1'))).toBe(47003);
  });

  it('queryVoiceResult is refused with 40001 when WeChat rejects the token (the page’s code)', async () => {
    const stale = inProcessClient(p, {
      tokenProvider: { getToken: () => Promise.resolve('stale'), invalidate: () => Promise.resolve() },
    });
    expect(await refusedWith(stale.ai.queryVoiceResult('v1'))).toBe(40001);
  });

  it('translate sends the text as a UTF-8 body, the languages in the query', async () => {
    const answer = await client.ai.translate('你好', 'zh_CN', 'en_US');
    expect(answer).toMatchObject({ from_content: '你好', to_content: 'Hello' });
    const last = sent.at(-1)!;
    expect(last.contentType).toBe('text/plain; charset=utf-8');
    expect(last.body.toString('utf8')).toBe('你好');
    expect(Object.fromEntries(last.url.searchParams)).toMatchObject({ lfrom: 'zh_CN', lto: 'en_US' });
    expect(last.url.searchParams.has('content')).toBe(false);
  });

  it('translate is refused with 40035 beyond 600 bytes', async () => {
    expect(await refusedWith(client.ai.translate('好'.repeat(201), 'zh_CN', 'en_US'))).toBe(40035);
  });

  it('a raw body that is neither text nor bytes is refused before sending', async () => {
    const call = client.call('ai.translate', {
      lfrom: 'zh_CN',
      lto: 'en_US',
      content: 42 as unknown as string,
    });
    await expect(call).rejects.toThrow(WeChatError);
    await expect(call).rejects.toMatchObject({ code: 'REQUEST_INVALID' });
    expect(sent).toHaveLength(0);
  });
});

describe('client.qrcodeJump', () => {
  it('adds, publishes, lists and deletes a rule for one of the account’s QR codes', async () => {
    const { url } = await client.qrcode.permanent('shop-7');
    await client.qrcodeJump.add({ prefix: url, appid: MINI_PROGRAM, path: 'pages/shop/index', is_edit: 0 });
    expect(JSON.parse(sent.at(-1)!.body.toString('utf8'))).toEqual({
      prefix: url,
      appid: MINI_PROGRAM,
      path: 'pages/shop/index',
      is_edit: 0,
    });
    await client.qrcodeJump.publish(url);
    const rules = await client.qrcodeJump.get({ appid: MINI_PROGRAM, get_type: 0 });
    expect(rules.rule_list).toEqual([{ prefix: url, path: 'pages/shop/index', state: 2 }]);
    expect(rules.qrcodejump_pub_quota).toBe(99);
    p.advance(1);
    await client.qrcodeJump.delete(url, MINI_PROGRAM);
    expect((await client.qrcodeJump.get({ appid: MINI_PROGRAM, get_type: 0 })).total_count).toBe(0);
  });

  it('add is refused with 85071 for a rule added twice, 85066 for a URL that is not the account’s', async () => {
    const { url } = await client.qrcode.permanent('shop-7');
    const rule = { prefix: url, appid: MINI_PROGRAM, path: 'pages/index/index', is_edit: 0 } as const;
    await client.qrcodeJump.add(rule);
    expect(await refusedWith(client.qrcodeJump.add(rule))).toBe(85071);
    expect(await refusedWith(client.qrcodeJump.add({ ...rule, prefix: 'https://example.com/' }))).toBe(85066);
  });

  it('get is refused with 40097 for a prefix query without prefixes', async () => {
    const query = { appid: MINI_PROGRAM, get_type: 1, prefix_list: [] as string[] } as const;
    expect(await refusedWith(client.qrcodeJump.get(query))).toBe(40097);
  });

  it('publish is refused with 85095 for a prefix without a rule', async () => {
    expect(await refusedWith(client.qrcodeJump.publish('http://weixin.qq.com/q/none'))).toBe(85095);
  });

  it('delete is refused with 44990 past 5 calls a second', async () => {
    for (let i = 0; i < 5; i++) await client.qrcodeJump.get({ appid: MINI_PROGRAM, get_type: 0 });
    expect(await refusedWith(client.qrcodeJump.delete('http://weixin.qq.com/q/x', MINI_PROGRAM))).toBe(44990);
  });
});
