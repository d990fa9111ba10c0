import { describe, expect, it } from 'vitest';
import { MENU_RULES, menuViolationErrcode } from '../../../src/api/menu-rule-table.js';
import {
  conditionalMenuViolations,
  menuViolations,
  validateConditionalMenu,
  validateMenu,
} from '../../../src/api/menu-rules.js';
import type { ConditionalMenu, MenuMatchRule } from '../../../src/api/types/menu.js';
import { WeChatError } from '../../../src/errors.js';
import { conditionalMenuErrorCode, menuErrorCode } from '../../../src/emulator/platform/menu-validate.js';
import { REFERENCE_MENU } from '../../fixtures/menus.js';

const click = (name: string, key = 'K') => ({ type: 'click', name, key });

function rejection(validate: (menu: unknown) => void, menu: unknown): WeChatError {
  try {
    validate(menu);
  } catch (err) {
    expect(err).toBeInstanceOf(WeChatError);
    return err as WeChatError;
  }
  throw new Error('expected the menu to be rejected');
}

const problem = (menu: unknown): string => rejection(validateMenu, menu).message;

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

  it('refuses URLs that are not http(s), as WeChat does (40055 / 40054)', () => {
    expect(problem({ button: [{ type: 'view', name: 'v', url: 'ftp://example.com/' }] })).toContain(
      'button[0] "v" has a url that is not an absolute http(s) URL with a host: ftp://example.com/',
    );
    const sub = { name: 'P', sub_button: [{ type: 'view', name: 's', url: 'mailto:a@b.c' }] };
    expect(problem({ button: [sub] })).toContain(
      'button[0].sub_button[0] "s" has a url that is not an absolute',
    );
  });

  it('refuses URLs WeChat cannot open (40055 / 40054): no host, relative, white space', () => {
    for (const url of [
      'https://',
      'example.com/page',
      '/page',
      'https://exa mple.com/',
      'https://example.com/\n',
    ]) {
      expect(problem({ button: [{ type: 'view', name: 'v', url }] }), url).toContain(
        'has a url that is not an absolute',
      );
    }
    for (const url of ['https://example.com', 'http://1.2.3.4:8080/a?b=1#c', 'https://例子.cn/页面']) {
      expect(() => validateMenu({ button: [{ type: 'view', name: 'v', url }] }), url).not.toThrow();
    }
  });

  it('reports every problem of the menu at once, each with its button', () => {
    const message = problem({
      button: [
        click('一二三四五六'),
        { type: 'view', name: '官网', url: 'www.example.com' },
        { name: '更多', sub_button: [{ type: 'click', name: '赞' }, click('好')] },
      ],
    });
    expect(message).toContain('Menu has 3 problems:');
    expect(message).toContain('  - button[0] "一二三四五六" has a name of 18 bytes; WeChat allows 16');
    expect(message).toContain(
      '  - button[1] "官网" has a url that is not an absolute http(s) URL with a host: www.example.com',
    );
    expect(message).toContain('  - button[2].sub_button[0] "赞" of type click needs "key"');
  });

  it('is a WeChatError with code REQUEST_INVALID', () => {
    expect(() => validateMenu({ button: [] })).toThrow(expect.objectContaining({ code: 'REQUEST_INVALID' }));
  });
});

describe('validateConditionalMenu', () => {
  it('requires at least one match rule', () => {
    expect(() => validateConditionalMenu({ button: [click('a')], matchrule: {} })).toThrow(
      /matchrule needs at least one of tag_id, client_platform_type/,
    );
    expect(() => validateConditionalMenu({ button: [click('a')], matchrule: { tag_id: '2' } })).not.toThrow();
    expect(() =>
      validateConditionalMenu({ button: [click('a')], matchrule: { client_platform_type: '2' } }),
    ).not.toThrow();
  });

  it("refuses a language rule, saying why and citing WeChat's addconditional page", () => {
    const err = rejection(validateConditionalMenu, {
      button: [click('a')],
      matchrule: { tag_id: '2', language: 'en' },
    });
    expect(err.code).toBe('REQUEST_INVALID');
    expect(err.message).toContain('Menu matchrule sets "language"');
    expect(err.message).toContain('to protect privacy (errcode 65320)');
    expect(err.message).toContain('no longer match anyone');
    expect(err.message).toContain(
      'https://developers.weixin.qq.com/doc/service/api/custommenu/api_addconditionalmenu.html',
    );
  });

  it.each(['sex', 'country', 'province', 'city'])('refuses a %s rule the same way', (field) => {
    expect(() =>
      validateConditionalMenu({ button: [click('a')], matchrule: { tag_id: '2', [field]: '1' } }),
    ).toThrow(`Menu matchrule sets "${field}"`);
  });

  it('does not let new code set a language rule (a type error)', () => {
    // @ts-expect-error language is typed never: WeChat refuses it with 65320
    const rule: MenuMatchRule = { tag_id: '2', language: 'en' };
    // @ts-expect-error the same inside a conditional menu
    const menu: ConditionalMenu = { button: [click('a')], matchrule: { language: 'zh_CN' } };
    expect(() => validateConditionalMenu({ ...menu, matchrule: rule })).toThrow(/65320/);
  });
});

describe('one rule table for the client and the emulator', () => {
  const broken: [string, unknown][] = [
    ['no button array', { menu: [] }],
    ['four buttons', { button: [click('a'), click('b'), click('c'), click('d')] }],
    ['a long name', { button: [click('一二三四五六')] }],
    ['an unknown sub-button type', { button: [{ name: 'P', sub_button: [{ type: 'tap', name: 's' }] }] }],
    ['a miniprogram without appid', { button: [{ type: 'miniprogram', name: 'm', url: 'https://x' }] }],
    [
      'a sub-button url that is not http',
      { button: [{ name: 'P', sub_button: [{ type: 'view', name: 's', url: 'x' }] }] },
    ],
  ];

  it.each(broken)(
    '%s: the client throws the message of the rule whose errcode the emulator answers',
    (_name, menu) => {
      const [first] = menuViolations(menu);
      expect(first).toBeDefined();
      const { rule, where, detail } = first!;
      expect(problem(menu)).toContain(`Menu ${where} ${MENU_RULES[rule].message(detail)}`);
      expect(menuErrorCode(menu)).toBe(menuViolationErrcode(first!));
    },
  );

  it('lets the emulator accept what WeChat accepts although the client refuses it (rules without an errcode)', () => {
    const leafWithEmptySubs = { button: [{ type: 'click', name: 'a', key: 'A', sub_button: [] }] };
    expect(problem(leafWithEmptySubs)).toContain('has both "type" and "sub_button"');
    expect(menuErrorCode(leafWithEmptySubs)).toBe(0);
    const typedParent = { button: [{ type: 'click', name: 'P', key: 'k', sub_button: [click('x')] }] };
    expect(menuErrorCode(typedParent)).toBe(0);
    expect(MENU_RULES.typeAndSubButtons.errcode).toBeUndefined();
    expect(MENU_RULES.subButtonsOnSubButton.errcode).toBeUndefined();
  });

  it('answers 65320 for the rule the client refuses with its message', () => {
    const menu = { button: [click('a')], matchrule: { language: 'en' } };
    expect([...conditionalMenuViolations(menu)].map((v) => v.rule)).toEqual([
      'matchRulePrivate',
      'matchRuleEmpty',
    ]);
    expect(conditionalMenuErrorCode(menu)).toBe(65320);
  });
});
