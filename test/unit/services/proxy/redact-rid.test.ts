import { describe, expect, it } from 'vitest';
import { redactRidAnswer } from '../../../../src/services/proxy/redact-rid.js';

describe('redactRidAnswer', () => {
  it('redacts access_token, secret and appsecret inside the echoed URL and JSON bodies', () => {
    const answer = JSON.stringify({
      errcode: 0,
      request: {
        request_url: 'access_token=T1&cgi_path=/cgi-bin/stable_token&appsecret=S1',
        request_body: JSON.stringify({ appid: 'wx1', secret: 'S1' }),
        response_body: JSON.stringify({ access_token: 'T2', expires_in: 7200 }),
        client_ip: '113.90.74.10',
      },
    });
    const out = JSON.parse(redactRidAnswer(answer, [])) as { request: Record<string, string> };
    expect(out.request['request_url']).toBe(
      'access_token=[redacted]&cgi_path=/cgi-bin/stable_token&appsecret=[redacted]',
    );
    expect(JSON.parse(out.request['request_body']!)).toEqual({ appid: 'wx1', secret: '[redacted]' });
    expect(JSON.parse(out.request['response_body']!)).toEqual({
      access_token: '[redacted]',
      expires_in: 7200,
    });
    expect(out.request['client_ip']).toBe('113.90.74.10');
  });

  it("replaces the proxy's own token and AppSecret wherever they stand", () => {
    const text = '{"errcode":0,"note":"TOKEN_1 and APPSECRET_1","request":null}';
    expect(redactRidAnswer(text, ['TOKEN_1', undefined, 'APPSECRET_1'])).toBe(
      '{"errcode":0,"note":"[redacted] and [redacted]","request":null}',
    );
  });

  it('redacts text that is not JSON at the text level', () => {
    const out = redactRidAnswer('<html>access_token=T1 TOKEN_1</html>', ['TOKEN_1']);
    expect(out).not.toContain('T1 ');
    expect(out).not.toContain('TOKEN_1');
  });
});
