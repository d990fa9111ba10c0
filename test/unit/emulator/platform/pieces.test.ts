import { describe, expect, it } from 'vitest';
import { openidPage } from '../../../../src/emulator/platform/core/paging.js';
import { qrSvg } from '../../../../src/emulator/platform/qrcode.js';
import { errorBody, jsonResponse, newRid, WxError } from '../../../../src/emulator/platform/core/respond.js';
import { renderTemplate } from '../../../../src/emulator/platform/template.js';

describe('respond', () => {
  it('makes rids of hex seconds and two random words', () => {
    const rid = newRid(Date.UTC(2020, 8, 22, 13, 26, 22));
    expect(rid).toMatch(/^5f69fb7e-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  it('appends the rid to errmsg and keeps extra fields', () => {
    expect(errorBody(new WxError(45065, undefined, { msg_id: '1' }), 'r')).toEqual({
      errcode: 45065,
      errmsg: 'clientmsgid exist rid: r',
      msg_id: '1',
    });
    expect(new WxError(12345).errmsg).toBe('invalid args');
  });

  it('writes 64-bit ids as bare JSON integers', async () => {
    const res = jsonResponse({ errcode: 0, msgid: '6054768590064713728', note: '"msgid":"1"' }, ['msgid']);
    expect(await res.text()).toBe('{"errcode":0,"msgid":6054768590064713728,"note":"\\"msgid\\":\\"1\\""}');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});

describe('openidPage', () => {
  it('pages after next_openid and ends with an empty page', () => {
    const all = ['a', 'b', 'c'];
    expect(openidPage(all, '', 2)).toEqual({ count: 2, data: { openid: ['a', 'b'] }, next_openid: 'b' });
    expect(openidPage(all, 'b', 2)).toEqual({ count: 1, data: { openid: ['c'] }, next_openid: 'c' });
    expect(openidPage(all, 'c', 2)).toEqual({ count: 0, next_openid: '' });
    expect(() => openidPage(all, 'z', 2)).toThrow(WxError);
  });
});

describe('renderTemplate', () => {
  it('fills {{key.DATA}} from data and blanks missing keys', () => {
    expect(
      renderTemplate('A：{{thing1.DATA}}\nB：{{ time2.DATA }}\nC：{{x.DATA}}', {
        thing1: { value: '键盘' },
        time2: { value: 3 },
      }),
    ).toBe('A：键盘\nB：3\nC：');
  });
});

describe('qrSvg', () => {
  it('draws the same image for the same ticket and escapes the label', () => {
    expect(qrSvg('t1', 's')).toBe(qrSvg('t1', 's'));
    expect(qrSvg('t1', 's')).not.toBe(qrSvg('t2', 's'));
    expect(qrSvg('t', '<b>&')).toContain('&#60;b&#62;&#38;');
  });
});
