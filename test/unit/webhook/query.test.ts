import { describe, expect, it } from 'vitest';
import { queryOf } from '../../../src/webhook/http.js';

describe('queryOf (the push query the webhook reads)', () => {
  it("reads WeChat's parameters from a path or a full URL", () => {
    const q = queryOf(
      '/wx?signature=abc&timestamp=1710000000&nonce=42&openid=oFan&encrypt_type=aes&msg_signature=def',
    );
    expect(q).toMatchObject({
      signature: 'abc',
      timestamp: '1710000000',
      nonce: '42',
      openid: 'oFan',
      encrypt_type: 'aes',
      msg_signature: 'def',
      echostr: undefined,
    });
    expect(queryOf('https://example.com/wx?echostr=hello#frag').echostr).toBe('hello');
  });

  it('keeps the first value of a repeated parameter, as URLSearchParams.get does', () => {
    expect(queryOf('/wx?nonce=1&nonce=2').nonce).toBe('1');
    expect(queryOf('/wx?nonce=a%2Bb&nonce=2').nonce).toBe('a+b');
  });

  it('decodes escapes and + like URLSearchParams', () => {
    expect(queryOf('/wx?echostr=a%20b+c%E4%BD%A0').echostr).toBe('a b c你');
  });

  it('gives an empty string to a parameter without "=", and skips empty pairs and a second "?"', () => {
    expect(queryOf('/wx?echostr&&nonce=5').echostr).toBe('');
    expect(queryOf('/wx??nonce=5').nonce).toBe('5');
  });

  it('ignores other parameters and has nothing for a URL without a query', () => {
    expect(Object.values(queryOf('/wx?foo=1&__proto__=x'))).toEqual(Array(7).fill(undefined));
    expect(queryOf('/wx').signature).toBeUndefined();
  });
});
