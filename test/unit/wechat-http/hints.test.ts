import { describe, expect, it } from 'vitest';
import { hintFor, hintedErrcodes } from '../../../src/wechat-http/hints.js';
import { WeChatApiError } from '../../../src/errors.js';

const API = '/cgi-bin/menu/get';

describe('hintFor', () => {
  it('40164 names the IP to whitelist, read from errmsg', () => {
    const errmsg =
      'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 64dd4ac5-4c1f3d2a-7a9b8c01';
    expect(hintFor(40164, errmsg, API)).toContain("Add 203.0.113.7 to the account's IP whitelist");
  });

  it('40164 without an IP in errmsg still says what to whitelist', () => {
    expect(hintFor(40164, 'not in whitelist', API)).toContain('Add the IP of this server');
  });

  it('45009 explains the daily quota and clear_quota', () => {
    const hint = hintFor(45009, 'reach max api daily quota limit', API);
    expect(hint).toContain('daily quota');
    expect(hint).toContain('clear_quota');
  });

  it('40163 says OAuth codes are single-use', () => {
    expect(hintFor(40163, 'code been used', '/sns/oauth2/access_token')).toContain('single-use');
  });

  it('48001 says the account lacks the permission', () => {
    expect(hintFor(48001, 'api unauthorized', API)).toContain('lacks the permission');
  });

  it('40001 blames the AppSecret on token endpoints and token handling elsewhere', () => {
    expect(hintFor(40001, 'invalid credential', '/cgi-bin/token')).toContain('WECHAT_APPSECRET');
    expect(hintFor(40001, 'invalid credential', API)).toContain('one service fetches tokens');
  });

  it.each([42001, 40014])('%i is about the token', (errcode) => {
    expect(hintFor(errcode, '', API)).toContain('token');
  });

  it('40013 and 40125 name the AppID and AppSecret settings', () => {
    expect(hintFor(40013, 'invalid appid', API)).toContain('WECHAT_APPID');
    expect(hintFor(40125, 'invalid appsecret', API)).toContain('WECHAT_APPSECRET');
  });

  it('45015 and 45047 explain the customer-service window and quota', () => {
    expect(hintFor(45015, '', API)).toContain('48 hours');
    expect(hintFor(45047, '', API)).toContain('5 messages');
  });

  it('46003 says there is no menu and how to create one', () => {
    expect(hintFor(46003, 'menu no exist', API)).toContain('wxmp menu push');
  });

  it('40007 explains invalid media_id', () => {
    expect(hintFor(40007, 'invalid media_id', API)).toContain('3 days');
  });

  it('45009 at a token endpoint points at clear_quota/v2, which needs no token', () => {
    const hint = hintFor(45009, 'reach max api daily quota limit', '/cgi-bin/token');
    expect(hint).toContain('daily quota of /cgi-bin/token');
    expect(hint).toContain('clear_quota/v2');
  });

  it('45009 at stable_token names its own limits (force_refresh 20 a day), not /cgi-bin/token’s 2000 calls', () => {
    const hint = hintFor(45009, 'reach max api daily quota limit', '/cgi-bin/stable_token');
    expect(hint).toContain('force_refresh (20 a day');
    expect(hint).toContain('500 000 a day');
    expect(hint).not.toContain('2000');
  });

  it('40164 gives the console path of the IP whitelist, with its Chinese labels', () => {
    expect(hintFor(40164, 'invalid ip 198.51.100.23, not in whitelist', '/cgi-bin/stable_token')).toContain(
      '设置与开发 → 基本配置 → IP白名单',
    );
  });

  it.each([89501, 89503, 89506, 89507])(
    '%i (an IP awaiting or refused by an administrator) names the whitelist',
    (errcode) => {
      expect(hintFor(errcode, '', '/cgi-bin/token')).toContain('IP whitelist');
    },
  );

  it('50004 and 50007 say the token API or the account is frozen', () => {
    expect(hintFor(50004, '', '/cgi-bin/token')).toContain('forbidden');
    expect(hintFor(50007, '', '/cgi-bin/token')).toContain('frozen');
  });

  it('points unknown codes at the global code list', () => {
    expect(hintFor(99999, 'x', API)).toContain('Global_Return_Code');
  });

  it('has a hint for every code of the global table of the reference', () => {
    const codes = [
      -1, 40001, 40002, 40003, 40004, 40007, 40013, 40014, 40029, 40125, 40163, 40164, 40243, 41001, 41002,
      41004, 42001, 42002, 42003, 43002, 43004, 44002, 45008, 45009, 45011, 45015, 45047, 46003, 47001, 48001,
      48004, 48006, 50001, 50002,
    ];
    // And every code the token endpoints document (protocol reference §8.1).
    const tokenCodes = [
      -1, 40001, 40002, 40013, 40125, 40164, 40243, 41004, 50004, 50007, 89501, 89503, 89506, 89507,
    ];
    expect(hintedErrcodes()).toEqual(expect.arrayContaining(tokenCodes));
    expect(hintedErrcodes()).toEqual(expect.arrayContaining(codes));
  });
});

describe('hints of the AI and QR-code jump endpoints', () => {
  it('say the limits of the endpoint that answered', () => {
    expect(hintFor(40035, 'invalid args size', '/cgi-bin/media/voice/translatecontent')).toContain(
      '600 bytes',
    );
    expect(hintFor(40035, 'invalid args', API)).toMatch(/^Look up errcode 40035 in https:/);
    expect(hintFor(40010, 'invalid voice size', '/cgi-bin/media/voice/addvoicetorecofortext')).toContain(
      '1 MB',
    );
    expect(hintFor(40097, 'invalid args', '/cgi-bin/wxopen/qrcodejumpadd')).toContain('published rule');
    for (const code of [44990, 85066, 85071, 85095, 886000]) expect(hintedErrcodes()).toContain(code);
  });
});

describe('WeChatApiError built with a hint', () => {
  it('carries errcode, rid and endpoint, and ends its message with the hint', () => {
    const errmsg = 'reach max api daily quota limit rid: 617682e0-09059ac5-34a8e2ea';
    const err = new WeChatApiError(
      { errcode: 45009, errmsg, endpoint: API },
      { hint: hintFor(45009, errmsg, API) },
    );
    expect(err.rid).toBe('617682e0-09059ac5-34a8e2ea');
    expect(err.endpoint).toBe(API);
    expect(err.message).toMatch(/failed with 45009: reach max api daily quota limit .*clear_quota/);
  });
});
