import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../../../src/emulator/app.js';
import { menuForFan } from '../../../../src/emulator/platform/menu.js';
import { REFERENCE_MENU } from '../../../fixtures/menus.js';
import { addFan, createPlatform, expectError } from './helpers.js';

const MENU = REFERENCE_MENU;

describe('menu endpoints', () => {
  it('creates, reads and deletes the default menu, announcing each change', async () => {
    const p = createPlatform();
    const changes: string[] = [];
    p.state.on('change', (what) => changes.push(what));
    expectError(await p.get('/cgi-bin/menu/get'), 46003);
    expect((await p.post('/cgi-bin/menu/create', MENU)).json).toEqual({ errcode: 0, errmsg: 'ok' });
    const got = await p.get('/cgi-bin/menu/get');
    expect((got.json['menu'] as { button: unknown }).button).toEqual(MENU.button);
    expect(got.json['conditionalmenu']).toBeUndefined();
    expect(p.state.menu?.button).toEqual(MENU.button);
    expect((await p.get('/cgi-bin/menu/delete')).json['errcode']).toBe(0);
    expectError(await p.get('/cgi-bin/menu/get'), 46003);
    expect(changes).toEqual(['menu', 'menu']);
  });

  it('reports the current menu with sub-buttons under sub_button.list', async () => {
    const p = createPlatform();
    await p.post('/cgi-bin/menu/create', MENU);
    const info = (await p.get('/cgi-bin/get_current_selfmenu_info')).json;
    expect(info['is_menu_open']).toBe(1);
    const buttons = (info['selfmenu_info'] as { button: { sub_button?: { list: unknown[] } }[] }).button;
    expect(buttons[1]?.sub_button?.list).toHaveLength(3);
  });

  it.each([
    ['no buttons', { button: [] }, 40016],
    [
      'four buttons',
      { button: Array.from({ length: 4 }, (_, i) => ({ type: 'click', name: `b${i}`, key: `k${i}` })) },
      40016,
    ],
    ['an unknown type', { button: [{ type: 'tap', name: 'x', key: 'k' }] }, 40017],
    ['a 17-byte name', { button: [{ type: 'click', name: '一二三四五六', key: 'k' }] }, 40018],
    ['a 129-byte key', { button: [{ type: 'click', name: 'x', key: 'k'.repeat(129) }] }, 40019],
    ['a view without url', { button: [{ type: 'view', name: 'x' }] }, 40020],
    [
      'six sub-buttons',
      {
        button: [
          {
            name: 'p',
            sub_button: Array.from({ length: 6 }, (_, i) => ({ type: 'click', name: `s${i}`, key: `k${i}` })),
          },
        ],
      },
      40023,
    ],
    [
      'a sub-button of unknown type',
      { button: [{ name: 'p', sub_button: [{ type: 'tap', name: 's', key: 'k' }] }] },
      40024,
    ],
    [
      'a 61-byte sub-button name',
      { button: [{ name: 'p', sub_button: [{ type: 'click', name: 'x'.repeat(61), key: 'k' }] }] },
      40025,
    ],
    [
      'a 129-byte sub-button key',
      { button: [{ name: 'p', sub_button: [{ type: 'click', name: 's', key: 'k'.repeat(129) }] }] },
      40026,
    ],
    [
      'a 1025-byte sub-button url',
      {
        button: [
          { name: 'p', sub_button: [{ type: 'view', name: 's', url: `https://a.b/${'x'.repeat(1013)}` }] },
        ],
      },
      40027,
    ],
    ['a body without button', { menu: [] }, 47001],
  ])('rejects a menu with %s (%i)', async (_name, menu, errcode) => {
    const p = createPlatform();
    expectError(await p.post('/cgi-bin/menu/create', menu), errcode);
    expect(p.state.menu).toBeUndefined();
  });

  it('accepts leaves with an empty sub_button, as menu/get returns them', async () => {
    const p = createPlatform();
    const res = await p.post('/cgi-bin/menu/create', {
      button: [{ type: 'click', name: 'a', key: 'A', sub_button: [] }],
    });
    expect(res.json['errcode']).toBe(0);
  });

  it('adds, matches and deletes conditional menus', async () => {
    const p = createPlatform();
    const fan = addFan(p.state, { openid: 'oVip' });
    addFan(p.state, { openid: 'oOther' });
    const vip = { button: [{ type: 'click', name: 'VIP', key: 'VIP' }], matchrule: { tag_id: '2' } };
    expectError(await p.post('/cgi-bin/menu/addconditional', vip), 65303);
    await p.post('/cgi-bin/menu/create', MENU);
    expectError(await p.post('/cgi-bin/menu/addconditional', { ...vip, matchrule: {} }), 65304);
    expectError(
      await p.post('/cgi-bin/menu/addconditional', { ...vip, matchrule: { tag_id: '999' } }),
      40050,
    );
    const added = await p.post('/cgi-bin/menu/addconditional', vip);
    const menuid = String(added.json['menuid']);
    expect(menuid).toMatch(/^\d+$/);
    fan.tagIds.push(2);
    expect((await p.post('/cgi-bin/menu/trymatch', { user_id: 'oVip' })).json['button']).toEqual(vip.button);
    expect((await p.post('/cgi-bin/menu/trymatch', { user_id: 'oOther' })).json['button']).toEqual(
      MENU.button,
    );
    expectError(await p.post('/cgi-bin/menu/trymatch', { user_id: 'nobody' }), 65302);
    expect((await p.get('/cgi-bin/menu/get')).json['conditionalmenu']).toHaveLength(1);
    expectError(await p.post('/cgi-bin/menu/delconditional', { menuid: '1' }), 65301);
    expect((await p.post('/cgi-bin/menu/delconditional', { menuid })).json['errcode']).toBe(0);
    expect(p.state.conditionalMenus).toEqual([]);
  });

  it('menu/delete removes the conditional menus too', async () => {
    const p = createPlatform();
    await p.post('/cgi-bin/menu/create', MENU);
    const added = await p.post('/cgi-bin/menu/addconditional', {
      button: [{ type: 'click', name: 'A', key: 'A' }],
      matchrule: { client_platform_type: '2' },
    });
    expect(added.json['menuid']).toBeDefined();
    expect(p.state.conditionalMenus).toHaveLength(1);
    await p.get('/cgi-bin/menu/delete');
    expect(p.state.conditionalMenus).toEqual([]);
  });
});

// WeChat's addconditional page: match rules on sex, region and language are refused with 65320 to protect privacy,
// menus that carry one stop matching, and menu/get still lists their rules.
describe('conditional menus with a rule on sex, region or language', () => {
  const english = {
    button: [{ type: 'click', name: 'EN', key: 'EN' }],
    matchrule: { language: 'en' },
    menuid: '1001',
  };

  it.each([
    { language: 'en' },
    { tag_id: '2', language: 'en' },
    { sex: '1' },
    { country: '中国', city: '广州' },
  ])('addconditional answers 65320 for %j and stores nothing', async (matchrule) => {
    const p = createPlatform();
    await p.post('/cgi-bin/menu/create', MENU);
    const res = await p.post('/cgi-bin/menu/addconditional', { button: english.button, matchrule });
    expectError(res, 65320);
    expect(res.json['errmsg']).toContain('privacy');
    expect(p.state.conditionalMenus).toEqual([]);
  });

  it('trymatch ignores a stored menu with a language rule (as loaded from a state file); menu/get lists it', async () => {
    const p = createPlatform();
    await p.post('/cgi-bin/menu/create', MENU);
    addFan(p.state, { openid: 'oEnglish', language: 'en', tagIds: [2] });
    const tagged = { ...english, matchrule: { tag_id: '2', language: 'en' }, menuid: '1002' };
    p.state.load({ ...p.state.toJSON(), conditionalMenus: [english, tagged] });
    expect((await p.post('/cgi-bin/menu/trymatch', { user_id: 'oEnglish' })).json['button']).toEqual(
      MENU.button,
    );
    expect(menuForFan(p.state, 'oEnglish')).toMatchObject({ button: MENU.button, conditional: false });
    const listed = (await p.get('/cgi-bin/menu/get')).json['conditionalmenu'] as { matchrule: unknown }[];
    expect(listed.map((m) => m.matchrule)).toEqual([english.matchrule, tagged.matchrule]);
  });

  it("the phone page's menu for a fan ignores it, when the menu comes from a state file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxmp-menu-'));
    try {
      const file = join(dir, 'state.json');
      const fan = { openid: 'oEnglish', nickname: 'en', following: true, language: 'en', tagIds: [] };
      writeFileSync(
        file,
        JSON.stringify({
          fans: [fan],
          menu: { button: MENU.button, menuid: '1000' },
          conditionalMenus: [english],
        }),
      );
      const emulator = createEmulator({ stateFile: file, defaultFan: false });
      try {
        const res = await emulator.app.request('/__emulator/fans/oEnglish/menu');
        expect(await res.json()).toEqual({
          menu: { button: MENU.button, menuid: '1000', conditional: false },
        });
      } finally {
        await emulator.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
