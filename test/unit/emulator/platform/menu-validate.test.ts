import { describe, expect, it } from 'vitest';
import { conditionalMenuErrorCode, menuErrorCode } from '../../../../src/emulator/platform/menu-validate.js';

const click = (name = 'a', key = 'K') => ({ type: 'click', name, key });
const parent = (subs: unknown[], name = 'p') => ({ name, sub_button: subs });

describe('menuErrorCode', () => {
  it('accepts every leaf type with its required fields, and parents of 1 to 5 leaves', () => {
    const menu = {
      button: [
        click('今日歌曲'),
        parent([
          { type: 'view', name: 'v', url: 'https://e.x/' },
          { type: 'miniprogram', name: 'm', url: 'http://e.x', appid: 'wx1', pagepath: 'p' },
          { type: 'media_id', name: 'md', media_id: 'M' },
          { type: 'article_view_limited', name: 'a', article_id: 'A' },
          { type: 'location_select', name: 'l', key: 'L' },
        ]),
        { type: 'pic_weixin', name: 'pic', key: 'P', sub_button: [] },
      ],
    };
    expect(menuErrorCode(menu)).toBe(0);
  });

  it('counts names in UTF-8 bytes: 16 for top-level (5 Chinese characters fit, 6 do not), 60 for sub-buttons', () => {
    expect(menuErrorCode({ button: [click('一二三四五')] })).toBe(0);
    expect(menuErrorCode({ button: [click('一二三四五六')] })).toBe(40018);
    expect(menuErrorCode({ button: [parent([click('字'.repeat(20))])] })).toBe(0);
    expect(menuErrorCode({ button: [parent([click('字'.repeat(21))])] })).toBe(40025);
    expect(menuErrorCode({ button: [parent([click('s')], '一二三四五六')] })).toBe(40018);
  });

  it.each([
    [{ button: 'x' }, 47001],
    [{ button: [1] }, 47001],
    [{ button: [click(), click(), click(), click()] }, 40016],
    [{ button: [{ name: 'x' }] }, 40017],
    [{ button: [{ name: 'x', sub_button: [] }] }, 40023],
    [{ button: [click('')] }, 40018],
    [{ button: [{ type: 'click', name: 'a' }] }, 40019],
    [{ button: [{ type: 'view', name: 'a', url: 'ftp://x' }] }, 40055],
    [{ button: [{ type: 'view', name: 'a', url: `https://${'x'.repeat(1017)}` }] }, 40020],
    [{ button: [{ type: 'media_id', name: 'a' }] }, 40007],
    [{ button: [parent([parent([click()])])] }, 40022],
    [{ button: [parent([{ type: 'view', name: 's', url: 'mailto:x' }])] }, 40054],
    [{ button: [parent([{ type: 'click', name: 's' }])] }, 40026],
    [{ button: [parent([{ type: 'miniprogram', name: 's', url: 'http://x' }])] }, 40035],
  ])('%j → %i', (menu, errcode) => {
    expect(menuErrorCode(menu)).toBe(errcode);
  });
});

describe('conditionalMenuErrorCode', () => {
  it('needs a rule on tag or platform (65304)', () => {
    const button = [click()];
    expect(conditionalMenuErrorCode({ button, matchrule: { tag_id: '2' } })).toBe(0);
    expect(conditionalMenuErrorCode({ button, matchrule: { client_platform_type: '2' } })).toBe(0);
    expect(conditionalMenuErrorCode({ button, matchrule: { tag_id: '' } })).toBe(65304);
    expect(conditionalMenuErrorCode({ button, matchrule: { foo: 'x' } })).toBe(65304);
    expect(conditionalMenuErrorCode({ button })).toBe(65304);
    expect(conditionalMenuErrorCode({ button: [], matchrule: { tag_id: '2' } })).toBe(40016);
  });

  // WeChat's addconditional page: any rule on sex, region or language is refused with 65320 (privacy), also next to
  // a tag rule, and before the empty-rule check.
  it.each([
    [{ language: 'en' }],
    [{ tag_id: '2', language: 'zh_CN' }],
    [{ sex: '1', country: '中国' }],
    [{ tag_id: '2', province: '广东' }],
    [{ client_platform_type: '1', city: '广州' }],
  ])('answers 65320 for %j', (matchrule) => {
    expect(conditionalMenuErrorCode({ button: [click()], matchrule })).toBe(65320);
  });
});
