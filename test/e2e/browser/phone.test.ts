/**
 * The phone page in headless Chromium against the `wxmp dev` setup (emulator + menu bot at /wx), in-process.
 * Needs Debian's chromium at /usr/bin/chromium (never downloaded): skipped loudly without it, except under CI=true,
 * where it must run. With WXMP_SCREENSHOTS=1 it also refreshes docs/screenshots/{chat,menu,developer-panel}.png.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MENU_WELCOME } from '../../../src/examples/menu.js';
import { startDev, type DevServer } from '../../../src/emulator/dev.js';
import { DEFAULT_FAN } from '../../../src/emulator/fans/create-fan.js';
import { addTemplate } from '../../../src/emulator/platform/template.js';
import { chromiumAvailable, launchChromium, platformCall } from './chromium.js';

const SCREENSHOTS = process.env['WXMP_SCREENSHOTS'] === '1';
const SHOTS_DIR = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const PHONE = { width: 390, height: 844 };

/** A small gradient PNG, made here so the suite needs no fixture file. */
function gradientPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1)
      rows.set(
        [40 + Math.floor((x * 180) / width), 120 + Math.floor((y * 110) / height), 210],
        y * (width * 3 + 1) + 1 + x * 3,
      );
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function shoot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: `${SHOTS_DIR}${name}.png` });
}

describe.skipIf(!chromiumAvailable)('the phone page in Chromium', () => {
  let dev: DevServer;
  let browser: Browser;
  let phone: Page;

  beforeAll(async () => {
    dev = await startDev({ port: 0 });
    browser = await launchChromium();
    phone = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 2 });
    await phone.goto(dev.url);
    await phone.waitForSelector('body[data-ready="true"]');
  });

  afterAll(async () => {
    await browser?.close();
    await dev?.close();
  });

  it('shows the account, the fan and the menu drawn at the bottom', async () => {
    await expect(phone.locator('#account-name').textContent()).resolves.toBe(dev.emulator.state.account.name);
    await expect(phone.locator('#menu-buttons button').allTextContents()).resolves.toEqual([
      '今日歌曲',
      '菜单',
      '位置',
    ]);
  });

  it('sends "hello" and shows the echo in a white bubble on the left', async () => {
    await phone.click('#to-keyboard');
    await phone.fill('#input', 'hello');
    await phone.press('#input', 'Enter');
    await expect(phone.locator('.msg.mine .bubble').last().textContent()).resolves.toBe('hello');
    await phone.locator('.msg.theirs .bubble', { hasText: 'hello' }).waitFor();
  });

  it('taps a menu button and shows the click reply', async () => {
    await phone.click('#to-menu');
    await phone.click('#menu-buttons [data-menu="0"]');
    await phone.locator('.msg.theirs .bubble', { hasText: '你点击了菜单: V1001_TODAY_MUSIC' }).waitFor();
  });

  it('opens a sub-menu without pushing, and taps a sub-button', async () => {
    const before = dev.emulator.state.pushes.length;
    await phone.click('#menu-buttons [data-menu="1"]');
    await phone.locator('#submenu button', { hasText: '赞一下我们' }).waitFor();
    expect(dev.emulator.state.pushes.length).toBe(before);
    await shoot(phone, 'menu');
    await phone.click('#submenu [data-sub="1-1"]');
    await phone.locator('.msg.theirs .bubble', { hasText: 'V1001_GOOD' }).waitFor();
  });

  it('a new fan follows and sees the welcome', async () => {
    await phone.click('#fan-switch');
    await phone.click('#new-fan');
    await phone.fill('.sheet input[name="nickname"]', '小红');
    await phone.click('.sheet button[type="submit"]');
    await phone.locator('#follow-btn').waitFor();
    await expect(phone.locator('#fan-name').textContent()).resolves.toBe('小红');
    await phone.click('#follow-btn');
    await phone.locator('.msg.theirs .bubble', { hasText: MENU_WELCOME.slice(0, 5) }).waitFor();
    await expect(phone.locator('#menu-bar').isVisible()).resolves.toBe(true);
    // Back to the first fan.
    await phone.click('#fan-switch');
    await phone.click('.sheet .fan-row >> nth=0');
    await phone.locator('.msg.theirs .bubble', { hasText: 'V1001_GOOD' }).waitFor();
  });

  it('sends a photo from the "+" panel, and shows customer-service news and a template message live', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxmp-phone-'));
    writeFileSync(join(dir, 'photo.png'), gradientPng(240, 160));
    await phone.click('#to-keyboard');
    await phone.click('#plus');
    const [chooser] = await Promise.all([
      phone.waitForEvent('filechooser'),
      phone.click('[data-plus="image"]'),
    ]);
    await chooser.setFiles(join(dir, 'photo.png'));
    await phone.locator('.msg.mine img').waitFor();
    const photo = [...dev.emulator.state.media.values()].find((m) => m.type === 'image')!;

    const openid = DEFAULT_FAN.openid;
    const news = await platformCall(dev, '/cgi-bin/message/custom/send', {
      touser: openid,
      msgtype: 'news',
      news: {
        articles: [
          {
            title: '欢迎使用 wxmp 模拟器',
            description: '在浏览器里调试公众号：消息、菜单、网页授权。',
            url: 'https://example.com/guide',
            picurl: `${dev.url}__emulator/media/${photo.mediaId}`,
          },
        ],
      },
    });
    expect(news).toMatchObject({ errcode: 0 });
    await phone.locator('.card.news', { hasText: '欢迎使用 wxmp 模拟器' }).waitFor();

    addTemplate(dev.emulator.state, {
      template_id: 'T_ORDER',
      title: '订单状态通知',
      primary_industry: '',
      deputy_industry: '',
      content: '订单号：{{character_string1.DATA}}\n状态：{{phrase2.DATA}}',
      example: '',
    });
    const template = await platformCall(dev, '/cgi-bin/message/template/send', {
      touser: openid,
      template_id: 'T_ORDER',
      url: 'https://example.com/order/1',
      data: { character_string1: { value: '20240101001' }, phrase2: { value: '已发货' } },
    });
    expect(template).toMatchObject({ errcode: 0 });
    await phone.locator('.card.template', { hasText: '已发货' }).waitFor();
    await phone.click('#to-menu');
    await shoot(phone, 'chat');
  });

  it('draws a msgmenu whose item answers with its id, and a card voucher', async () => {
    const openid = DEFAULT_FAN.openid;
    // The fan's message opens the customer-service window for the account's messages below.
    await phone.click('#to-keyboard');
    await phone.fill('#input', 'menu please');
    await phone.press('#input', 'Enter');
    await phone.locator('.msg.mine .bubble', { hasText: 'menu please' }).waitFor();
    const menu = await platformCall(dev, '/cgi-bin/message/custom/send', {
      touser: openid,
      msgtype: 'msgmenu',
      msgmenu: {
        head_content: '您对本次服务是否满意呢?',
        list: [
          { id: '101', content: '满意' },
          { id: '102', content: '不满意' },
        ],
        tail_content: '欢迎再次光临',
      },
    });
    expect(menu).toMatchObject({ errcode: 0 });
    const card = await platformCall(dev, '/cgi-bin/message/custom/send', {
      touser: openid,
      msgtype: 'wxcard',
      wxcard: { card_id: 'pWxmpCard0001' },
    });
    expect(card).toMatchObject({ errcode: 0 });
    await phone.locator('.card.news', { hasText: 'pWxmpCard0001' }).waitFor();
    await phone.locator('.bubble.msgmenu button', { hasText: '不满意' }).click();
    await phone.locator('.msg.mine .bubble', { hasText: '不满意' }).waitFor();
    await expect
      .poll(() => dev.emulator.state.pushes.findLast((p) => p.kind === 'text')?.messageXml)
      .toContain('<bizmsgmenuid><![CDATA[102]]></bizmsgmenuid>');
    await phone.click('#to-menu');
  });

  it('shows 对方正在输入... while the account types, until its message arrives', async () => {
    const openid = DEFAULT_FAN.openid;
    const title = phone.locator('#account-name');
    await expect(
      platformCall(dev, '/cgi-bin/message/custom/typing', { touser: openid, command: 'Typing' }),
    ).resolves.toMatchObject({ errcode: 0 });
    await phone.locator('#account-name.typing', { hasText: '对方正在输入...' }).waitFor();
    await platformCall(dev, '/cgi-bin/message/custom/send', {
      touser: openid,
      msgtype: 'text',
      text: { content: '让你久等了' },
    });
    await phone.locator('.msg', { hasText: '让你久等了' }).waitFor();
    await expect(title.textContent()).resolves.toBe(dev.emulator.state.account.name);
  });

  it('shows the fan the service notice when the webhook fails, and the developer the reason', async () => {
    dev.emulator.state.account.webhookUrl = 'http://127.0.0.1:9/wx';
    try {
      await phone.click('#to-keyboard');
      await phone.fill('#input', 'anyone?');
      await phone.press('#input', 'Enter');
      await phone.locator('.notice', { hasText: '该公众号暂时无法提供服务，请稍后再试' }).waitFor();
      await phone.click('.notice a');
      const failed = phone.locator('.push[open]');
      await failed.waitFor();
      await expect(failed.locator('.verdict').textContent()).resolves.toContain('3 attempts failed');
      await phone.click('#tab-chat');
    } finally {
      dev.emulator.state.account.webhookUrl = '/wx';
    }
  });

  it('lists every push in the developer panel beside the phone on a desktop', async () => {
    const desk = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    try {
      await desk.goto(dev.url);
      await desk.waitForSelector('body[data-ready="true"]');
      await expect(desk.locator('#devpanel').isVisible()).resolves.toBe(true);
      await expect(desk.locator('#phone').isVisible()).resolves.toBe(true);
      const rows = desk.locator('.push');
      // Pushes may still land (the template's job-finished event): the page must catch up with every one.
      await expect
        .poll(async () => ({ shown: await rows.count(), recorded: dev.emulator.state.pushes.length }))
        .toSatisfy(({ shown, recorded }) => shown === recorded);
      const click = desk.locator('.push[data-kind="event.CLICK"]').first();
      await click.locator('summary').click();
      await expect(click.locator('.detail').textContent()).resolves.toContain('WeChat accepts this answer');
      await expect(click.locator('pre').nth(1).textContent()).resolves.toContain(
        '<Event><![CDATA[CLICK]]></Event>',
      );
      await shoot(desk, 'developer-panel');
      await desk.click('#dev-tab-settings');
      await expect(desk.locator('#dev-settings').textContent()).resolves.toContain(
        dev.emulator.state.account.appSecret,
      );
    } finally {
      await desk.close();
    }
  });
});
