import { describe, expect, it } from 'vitest';
import { isJsonContentType, parseJson, stringifyJson } from '../../../src/wechat-http/json.js';

describe('parseJson', () => {
  it('returns integers beyond 2^53 as exact strings', () => {
    expect(parseJson('{"msg_id":6054768590064713728,"msg_data_id":1700827132819554304}')).toEqual({
      msg_id: '6054768590064713728',
      msg_data_id: '1700827132819554304',
    });
    expect(parseJson('{"n":-9007199254740993,"ok":9007199254740991}')).toEqual({
      n: '-9007199254740993',
      ok: 9007199254740991,
    });
  });

  it('always returns the 64-bit id fields as strings, even small ones', () => {
    expect(parseJson('{"msg_id":34182,"msgid":1,"publish_id":2247483647,"count":3}')).toEqual({
      msg_id: '34182',
      msgid: '1',
      publish_id: '2247483647',
      count: 3,
    });
  });

  it('leaves digits inside strings, escaped quotes and floats alone', () => {
    const text =
      '{"s":"id 12345678901234567890 \\" 99999999999999999999","f":1.5e3,"g":12345678901234567890.5}';
    expect(parseJson(text)).toEqual({
      s: 'id 12345678901234567890 " 99999999999999999999',
      f: 1500,
      g: 12345678901234567000,
    });
  });

  it('handles big ids inside arrays and nested objects', () => {
    expect(parseJson('{"a":[6054768590064713728,{"publish_id":6054768590064713729}]}')).toEqual({
      a: ['6054768590064713728', { publish_id: '6054768590064713729' }],
    });
  });

  it('throws on text that is not JSON', () => {
    expect(() => parseJson('<html>')).toThrow(SyntaxError);
  });
});

describe('stringifyJson', () => {
  it('sends real UTF-8 characters, not \\u escapes', () => {
    expect(stringifyJson({ title: '标题 ✓' })).toBe('{"title":"标题 ✓"}');
  });

  it('writes named id fields given as strings as bare integers without losing digits', () => {
    expect(stringifyJson({ msg_id: '6054768590064713728', article_idx: 2 }, ['msg_id'])).toBe(
      '{"msg_id":6054768590064713728,"article_idx":2}',
    );
  });

  it('does not touch the same text inside a string value', () => {
    const body = { content: '"msg_id":"1"', msg_id: '5' };
    expect(stringifyJson(body, ['msg_id'])).toBe('{"content":"\\"msg_id\\":\\"1\\"","msg_id":5}');
  });
});

describe('isJsonContentType', () => {
  it.each([
    ['application/json; encoding=utf-8', true],
    ['text/plain', true],
    [null, true],
    ['image/jpeg', false],
    ['audio/amr', false],
    ['application/octet-stream', false],
  ])('%s → %s', (type, expected) => {
    expect(isJsonContentType(type)).toBe(expected);
  });
});
