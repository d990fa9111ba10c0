/**
 * The AI open interfaces (voice to text, translation: raw bodies) and the QR-code jump rules on the emulator's
 * platform API, called raw: what each answers and the codes of its page.
 */
import { describe, expect, it } from 'vitest';
import { AI_LIMITS, EMULATED_SPEECH } from '../../../../src/emulator/platform/ai.js';
import { QRCODE_JUMP_LIMITS } from '../../../../src/emulator/platform/qrcode-jump.js';
import { createPlatform, expectError, file, mediaForm, type Platform } from './helpers.js';

/** An mp3 as WeChat wants it: an ID3 tag, then audio. */
const MP3 = Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.alloc(64, 0x55)]);
const AMR = Buffer.from('#!AMR\n\x3c\x48\xf5\x1f', 'latin1');
const MINI_PROGRAM = 'wx0123456789abcdef';

async function raw(p: Platform, path: string, query: Record<string, string>, body: BodyInit, type: string) {
  return p.send('POST', path, {
    query: { access_token: await p.accessToken(), ...query },
    body,
    headers: { 'content-type': type },
  });
}

const submit = (p: Platform, query: Record<string, string>, body: BodyInit = MP3) =>
  raw(p, '/cgi-bin/media/voice/addvoicetorecofortext', query, body, 'audio/mpeg');
const result = async (p: Platform, query: Record<string, string>) =>
  p.send('POST', '/cgi-bin/media/voice/queryrecoresultfortext', {
    query: { access_token: await p.accessToken(), ...query },
  });
const translate = (p: Platform, query: Record<string, string>, text: string) =>
  raw(p, '/cgi-bin/media/voice/translatecontent', query, text, 'text/plain; charset=utf-8');

describe('voice to text', () => {
  it('takes an mp3 body under a voice_id and gives its text for 10 s', async () => {
    const p = createPlatform();
    expect((await submit(p, { format: 'mp3', voice_id: 'v1', lang: 'en_US' })).json).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    p.advance(AI_LIMITS.resultMs / 1000);
    expect((await result(p, { voice_id: 'v1' })).json).toMatchObject({
      errcode: 0,
      result: EMULATED_SPEECH['en_US'],
    });
    p.advance(1);
    expectError(await result(p, { voice_id: 'v1' }), 47003);
    expectError(await result(p, { voice_id: 'never-submitted' }), 47003);
    expectError(await result(p, { voice_id: 'v1', access_token: 'not-a-token' }), 40001);
  });

  it('also reads the recording from the form field media the current page shows', async () => {
    const p = createPlatform();
    const form = mediaForm(file('q.mp3', MP3, 'audio/mpeg'));
    const res = await p.upload('/cgi-bin/media/voice/addvoicetorecofortext', form, {
      format: 'mp3',
      voice_id: 'v2',
    });
    expect(res.json['errcode']).toBe(0);
    expect((await result(p, { voice_id: 'v2' })).json['result']).toBe(EMULATED_SPEECH['zh_CN']);
  });

  it('answers 40010 for an empty recording or one over 1 MB', async () => {
    const p = createPlatform();
    expectError(await submit(p, { format: 'mp3', voice_id: 'v' }, new Uint8Array(0)), 40010);
    const big = Buffer.concat([MP3, Buffer.alloc(AI_LIMITS.voiceBytes)]);
    expectError(await submit(p, { format: 'mp3', voice_id: 'v' }, big), 40010);
  });

  it('refuses another format (40005), a missing voice_id (47003), an unknown lang (40035)', async () => {
    const p = createPlatform();
    expectError(await submit(p, { format: 'amr', voice_id: 'v' }), 40005);
    expectError(await submit(p, { format: 'mp3', voice_id: 'v' }, AMR), 40005);
    expectError(await submit(p, { format: 'mp3' }), 47003);
    expectError(await submit(p, { format: 'mp3', voice_id: 'v', lang: 'fr_FR' }), 40035);
    expectError(
      await p.send('POST', '/cgi-bin/media/voice/addvoicetorecofortext', {
        query: { access_token: 'not-a-token', format: 'mp3', voice_id: 'v' },
        body: MP3,
      }),
      40001,
    );
  });
});

describe('translation', () => {
  it('translates the raw UTF-8 body between zh_CN and en_US', async () => {
    const p = createPlatform();
    expect((await translate(p, { lfrom: 'zh_CN', lto: 'en_US' }, '你好')).json).toMatchObject({
      errcode: 0,
      from_content: '你好',
      to_content: 'Hello',
    });
    expect((await translate(p, { lfrom: 'en_US', lto: 'zh_CN' }, 'Hello')).json['to_content']).toBe('你好');
    expect((await translate(p, { lfrom: 'zh_CN', lto: 'en_US' }, '未知的句子')).json['to_content']).toBe(
      '[en_US] 未知的句子',
    );
  });

  it('answers 40035 for text over 600 bytes, none, or a language it does not translate', async () => {
    const p = createPlatform();
    const q = { lfrom: 'zh_CN', lto: 'en_US' };
    expect((await translate(p, q, '好'.repeat(200))).json['errcode']).toBe(0); // 600 bytes
    expectError(await translate(p, q, '好'.repeat(201)), 40035);
    expectError(await translate(p, q, ''), 40035);
    expectError(await translate(p, { lfrom: 'zh_CN', lto: 'ja_JP' }, '你好'), 40035);
    expectError(await translate(p, { lfrom: 'zh_CN' }, '你好'), 47003);
  });
});

describe('QR-code jump rules', () => {
  /** A permanent QR code of the account: its URL is what a rule names. */
  async function qrUrl(p: Platform, scene: string): Promise<string> {
    const res = await p.post('/cgi-bin/qrcode/create', {
      action_name: 'QR_LIMIT_STR_SCENE',
      action_info: { scene: { scene_str: scene } },
    });
    return String(res.json['url']);
  }
  const rule = (prefix: string, extra: Record<string, unknown> = {}) => ({
    prefix,
    appid: MINI_PROGRAM,
    path: 'pages/index/index',
    is_edit: 0,
    ...extra,
  });
  const list = (p: Platform, body: Record<string, unknown> = {}) =>
    p.post('/cgi-bin/wxopen/qrcodejumpget', { appid: MINI_PROGRAM, get_type: 0, ...body });

  it('adds, edits, publishes, lists and deletes a rule', async () => {
    const p = createPlatform();
    const a = await qrUrl(p, 'shop-a');
    const b = await qrUrl(p, 'shop-b');
    expect((await p.post('/cgi-bin/wxopen/qrcodejumpadd', rule(a))).json['errcode']).toBe(0);
    expect((await p.post('/cgi-bin/wxopen/qrcodejumpadd', rule(b))).json['errcode']).toBe(0);
    p.advance(1);
    const edited = await p.post('/cgi-bin/wxopen/qrcodejumpadd', rule(a, { path: 'pages/a/a', is_edit: 1 }));
    expect(edited.json['errcode']).toBe(0);
    expect((await p.post('/cgi-bin/wxopen/qrcodejumppublish', { prefix: a })).json['errcode']).toBe(0);
    expect((await list(p)).json).toMatchObject({
      errcode: 0,
      rule_list: [
        { prefix: b, path: 'pages/index/index', state: 1 },
        { prefix: a, path: 'pages/a/a', state: 2 },
      ],
      qrcodejump_open: 1,
      list_size: 2,
      qrcodejump_pub_quota: QRCODE_JUMP_LIMITS.publishesPerMonth - 1,
      total_count: 2,
    });
    p.advance(1);
    const page = await list(p, { get_type: 2, page_num: 2, page_size: 1 });
    expect(page.json['rule_list']).toEqual([{ prefix: b, path: 'pages/index/index', state: 1 }]);
    const byPrefix = await list(p, { get_type: 1, prefix_list: [a] });
    expect(byPrefix.json['rule_list']).toEqual([{ prefix: a, path: 'pages/a/a', state: 2 }]);
    expect(
      (await p.post('/cgi-bin/wxopen/qrcodejumpdelete', { prefix: a, appid: MINI_PROGRAM })).json['errcode'],
    ).toBe(0);
    p.advance(1);
    // Deleting again changes nothing and answers ok, so a retried delete succeeds.
    expect(
      (await p.post('/cgi-bin/wxopen/qrcodejumpdelete', { prefix: a, appid: MINI_PROGRAM })).json['errcode'],
    ).toBe(0);
    expect((await list(p)).json['total_count']).toBe(1);
  });

  it('answers 85066 for a prefix that is not one of the account’s QR codes, 85071 for a rule added twice', async () => {
    const p = createPlatform();
    const a = await qrUrl(p, 'shop-a');
    expectError(await p.post('/cgi-bin/wxopen/qrcodejumpadd', rule('https://example.com/q/1')), 85066);
    expectError(await p.post('/cgi-bin/wxopen/qrcodejumpadd', rule('http://weixin.qq.com/q/unknown')), 85066);
    await p.post('/cgi-bin/wxopen/qrcodejumpadd', rule(a));
    expectError(await p.post('/cgi-bin/wxopen/qrcodejumpadd', rule(a)), 85071);
  });

  it('answers 40097 for an edit of a published or unknown rule and for missing fields', async () => {
    const p = createPlatform();
    const a = await qrUrl(p, 'shop-a');
    const b = await qrUrl(p, 'shop-b');
    await p.post('/cgi-bin/wxopen/qrcodejumpadd', rule(a));
    await p.post('/cgi-bin/wxopen/qrcodejumppublish', { prefix: a });
    expectError(await p.post('/cgi-bin/wxopen/qrcodejumpadd', rule(a, { is_edit: 1 })), 40097);
    expectError(await p.post('/cgi-bin/wxopen/qrcodejumpadd', rule(b, { is_edit: 1 })), 40097);
    p.advance(1);
    expectError(await p.post('/cgi-bin/wxopen/qrcodejumpadd', rule(b, { appid: 'not-an-appid' })), 40097);
    expectError(await p.post('/cgi-bin/wxopen/qrcodejumpadd', rule(b, { path: '' })), 40097);
    expectError(await list(p, { get_type: 1 }), 40097);
    expectError(await list(p, { get_type: 2, page_num: 1, page_size: 201 }), 40097);
    p.advance(1);
    expectError(await list(p, { get_type: 3 }), 40097);
    expectError(await p.post('/cgi-bin/wxopen/qrcodejumpdelete', { prefix: a }), 40097);
  });

  it('answers 85095 when publishing a prefix without a rule, 886000 past 100 publications a month', async () => {
    const p = createPlatform();
    expectError(
      await p.post('/cgi-bin/wxopen/qrcodejumppublish', { prefix: 'http://weixin.qq.com/q/none' }),
      85095,
    );
    const urls: string[] = [];
    for (let i = 0; i <= QRCODE_JUMP_LIMITS.publishesPerMonth; i++) urls.push(await qrUrl(p, `s${i}`));
    for (const url of urls) {
      p.advance(1);
      await p.post('/cgi-bin/wxopen/qrcodejumpadd', rule(url));
    }
    for (const url of urls.slice(0, -1)) {
      p.advance(1);
      expect((await p.post('/cgi-bin/wxopen/qrcodejumppublish', { prefix: url })).json['errcode']).toBe(0);
    }
    p.advance(1);
    expectError(await p.post('/cgi-bin/wxopen/qrcodejumppublish', { prefix: urls.at(-1) }), 886000);
    // Publishing a published rule again is no new publication.
    expect((await p.post('/cgi-bin/wxopen/qrcodejumppublish', { prefix: urls[0] })).json['errcode']).toBe(0);
    expect((await list(p)).json['qrcodejump_pub_quota']).toBe(0);
    p.advance(31 * 86_400); // next month
    expect((await p.post('/cgi-bin/wxopen/qrcodejumppublish', { prefix: urls.at(-1) })).json['errcode']).toBe(
      0,
    );
  });

  it('answers 44990 for a sixth call within a second, on every qrcodejump endpoint', async () => {
    const p = createPlatform();
    for (let i = 0; i < QRCODE_JUMP_LIMITS.callsPerSecond; i++)
      expect((await list(p)).json['errcode']).toBe(0);
    expectError(
      await p.post('/cgi-bin/wxopen/qrcodejumpdelete', { prefix: 'x', appid: MINI_PROGRAM }),
      44990,
    );
    expectError(await p.post('/cgi-bin/wxopen/qrcodejumppublish', { prefix: 'x' }), 44990);
    p.advance(1);
    expect(
      (await p.post('/cgi-bin/wxopen/qrcodejumpdelete', { prefix: 'x', appid: MINI_PROGRAM })).json[
        'errcode'
      ],
    ).toBe(0);
  });
});
