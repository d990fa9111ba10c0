import { describe, expect, it } from 'vitest';
import { WeChatApiError } from '../../../src/errors.js';
import {
  apiErrorOf,
  errcodeOf,
  errcodeOfText,
  errmsgOf,
  isJsonObject,
  parseAnswer,
} from '../../../src/wechat-http/answer.js';

describe('parseAnswer', () => {
  it('parses JSON with 64-bit ids intact', () => {
    expect(parseAnswer('{"msg_id":6054768590064713728}', 200, '/cgi-bin/message/mass/send')).toEqual({
      msg_id: '6054768590064713728',
    });
  });

  it('reports a body that is not JSON as HTTP_ERROR with its status', () => {
    expect(() => parseAnswer('<html>Bad Gateway</html>', 502, '/cgi-bin/menu/get')).toThrow(
      expect.objectContaining({
        code: 'HTTP_ERROR',
        message: expect.stringContaining(
          'WeChat API /cgi-bin/menu/get answered HTTP 502 with a body that is not JSON',
        ) as unknown,
      }),
    );
  });
});

describe('errcodeOf and errmsgOf', () => {
  it('read errcode (0 when missing, numbers in strings too) and errmsg', () => {
    expect(errcodeOf({ errcode: 45009 })).toBe(45009);
    expect(errcodeOf({ errcode: '40001' })).toBe(40001);
    expect(errcodeOf({ menu: {} })).toBe(0);
    expect(errcodeOf(null)).toBe(0);
    expect(errmsgOf({ errcode: 46003, errmsg: 'menu no exist' })).toBe('menu no exist');
    expect(errmsgOf('text')).toBe('');
  });

  it('errcodeOfText reads the errcode of an answer still in text, 0 when it is not JSON', () => {
    expect(errcodeOfText('{"errcode":-1,"errmsg":"system error"}')).toBe(-1);
    expect(errcodeOfText('{"menu":{}}')).toBe(0);
    expect(errcodeOfText('<html>Bad Gateway</html>')).toBe(0);
  });
});

describe('apiErrorOf', () => {
  it('builds a WeChatApiError with the hint of the one table, depending on the endpoint', () => {
    const atToken = apiErrorOf({ errcode: 40001, errmsg: 'invalid credential' }, '/cgi-bin/token');
    expect(atToken).toBeInstanceOf(WeChatApiError);
    expect(atToken.errcode).toBe(40001);
    expect(atToken.endpoint).toBe('/cgi-bin/token');
    expect(atToken.hint).toContain('WECHAT_APPSECRET');
    const elsewhere = apiErrorOf({ errcode: 40001, errmsg: 'invalid credential' }, '/cgi-bin/menu/get');
    expect(elsewhere.hint).toContain('one service fetches tokens');
  });
});

describe('isJsonObject', () => {
  it('accepts objects only', () => {
    expect(isJsonObject({})).toBe(true);
    expect(isJsonObject([])).toBe(false);
    expect(isJsonObject(null)).toBe(false);
    expect(isJsonObject('x')).toBe(false);
  });
});
