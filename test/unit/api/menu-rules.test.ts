import { describe, expect, it } from 'vitest';
import { validateConditionalMenu, validateMenu } from '../../../src/api/menu-rules.js';
import { WeChatError } from '../../../src/errors.js';
import { REFERENCE_MENU } from '../../fixtures/menus.js';

const click = (name: string, key = 'K') => ({ type: 'click', name, key });

function problem(menu: unknown): string {
  try {
    validateMenu(menu);
  } catch (err) {
    expect(err).toBeInstanceOf(WeChatError);
    return (err as WeChatError).message;
  }
  throw new Error('expected the menu to be rejected');
}

describe('validateMenu', () => {
  it('accepts the reference example', () => {
    expect(() => validateMenu(REFERENCE_MENU)).not.toThrow();
  });

  it('requires 1 to 3 top-level buttons', () => {
    expect(problem({ button: [] })).toContain('1 to 3 top-level buttons, got 0');
    expect(problem({ button: [click('a'), click('b'), click('c'), click('d')] })).toContain('got 4');
    expect(problem({})).toContain('"button" array');
  });

  it('requires 1 to 5 sub-buttons', () => {
    expect(problem({ button: [{ name: 'P', sub_button: [] }] })).toContain(
      'button[0] "P" needs 1 to 5 sub-buttons, got 0',
    );
    const six = Array.from({ length: 6 }, (_, i) => click(`s${i}`));
    expect(problem({ button: [{ name: 'P', sub_button: six }] })).toContain('got 6');
  });

  it('limits top-level names to 16 bytes and sub-button names to 60 bytes', () => {
    expect(problem({ button: [click('一二三四五六')] })).toContain(
      'button[0] "一二三四五六" has a name of 18 bytes; WeChat allows 16',
    );
    expect(() => validateMenu({ button: [click('一二三四五')] })).not.toThrow();
    const long = '一'.repeat(21);
    expect(problem({ button: [{ name: 'P', sub_button: [click(long)] }] })).toContain(
      'button[0].sub_button[0]',
    );
    expect(() =>
      validateMenu({ button: [{ name: 'P', sub_button: [click('一'.repeat(20))] }] }),
    ).not.toThrow();
  });

  it('limits key to 128 bytes and url to 1024 bytes', () => {
    expect(problem({ button: [click('a', 'k'.repeat(129))] })).toContain(
      'key of 129 bytes; WeChat allows 128',
    );
    const url = `https://example.com/${'x'.repeat(1005)}`;
    expect(problem({ button: [{ type: 'view', name: 'v', url }] })).toContain(
      'url of 1025 bytes; WeChat allows 1024',
    );
  });

  it('requires the fields of each type', () => {
    expect(problem({ button: [{ type: 'click', name: 'a' }] })).toContain('of type click needs "key"');
    expect(problem({ button: [{ type: 'view', name: 'a' }] })).toContain('of type view needs "url"');
    expect(problem({ button: [{ type: 'media_id', name: 'a' }] })).toContain('needs "media_id"');
    expect(problem({ button: [{ type: 'article_id', name: 'a' }] })).toContain('needs "article_id"');
    expect(
      problem({ button: [{ type: 'miniprogram', name: 'a', url: 'https://x', appid: 'wx1' }] }),
    ).toContain('needs "pagepath"');
  });

  it('rejects unknown types, missing names and nesting', () => {
    expect(problem({ button: [{ type: 'tap', name: 'a' }] })).toContain('has type "tap"; use one of click');
    expect(problem({ button: [{ type: 'click', key: 'k' }] })).toContain('needs a non-empty "name"');
    expect(
      problem({ button: [{ name: 'P', sub_button: [{ name: 'Q', sub_button: [click('x')] }] }] }),
    ).toContain('nested too deep');
    expect(problem({ button: [{ type: 'click', name: 'P', key: 'k', sub_button: [click('x')] }] })).toContain(
      'has both "type" and "sub_button"',
    );
  });

  it('is a WeChatError with code REQUEST_INVALID', () => {
    expect(() => validateMenu({ button: [] })).toThrow(expect.objectContaining({ code: 'REQUEST_INVALID' }));
  });
});

describe('validateConditionalMenu', () => {
  it('requires at least one match rule', () => {
    expect(() => validateConditionalMenu({ button: [click('a')], matchrule: {} })).toThrow(
      /matchrule needs at least one/,
    );
    expect(() => validateConditionalMenu({ button: [click('a')], matchrule: { tag_id: '2' } })).not.toThrow();
  });
});
