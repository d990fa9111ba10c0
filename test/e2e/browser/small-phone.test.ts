/**
 * The phone page on a 390 px phone: the developer tab fits the screen (nothing wider than the viewport, long query
 * strings and XML wrapped or scrolled inside their own box), and an account without a menu shows the follower how
 * to push one.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev, type DevServer } from '../../../src/emulator/dev.js';
import { createEchoBot } from '../../../src/examples/echo.js';
import { chromiumAvailable, launchChromium, platformCall } from './chromium.js';

describe.skipIf(!chromiumAvailable)('the phone page on a 390 px phone', () => {
  let dev: DevServer;
  let browser: Browser;
  let phone: Page;

  beforeAll(async () => {
    // Your own bot (here the echo bot) on an account that has no custom menu yet.
    dev = await startDev({ port: 0, bot: createEchoBot() });
    browser = await launchChromium();
    phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(dev.url);
    await phone.waitForSelector('body[data-ready="true"]');
  });
  afterAll(async () => {
    await browser?.close();
    await dev?.close();
  });

  it('tells a follower of an account without a menu how to push one, until it has one', async () => {
    const hint = phone.locator('.no-menu-hint');
    await hint.waitFor();
    await expect(hint.textContent()).resolves.toContain('wxmp menu push');
    await expect(hint.textContent()).resolves.toContain(`WECHAT_API_BASE=${dev.url.replace(/\/$/, '')}`);
    await expect(
      platformCall(dev, '/cgi-bin/menu/create', { button: [{ type: 'click', name: '你好', key: 'HI' }] }),
    ).resolves.toMatchObject({ errcode: 0 });
    await hint.waitFor({ state: 'hidden' });
  });

  it('fits the developer tab, with a push in it, inside the screen', async () => {
    await phone.click('#to-keyboard').catch(() => undefined);
    await phone.fill('#input', `一条很长的消息 ${'很长'.repeat(80)} https://example.com/${'x'.repeat(200)}`);
    await phone.press('#input', 'Enter');
    await phone.locator('.msg.theirs').last().waitFor();
    await phone.click('#tab-dev');
    const push = phone.locator('.push').first();
    await push.waitFor();
    await push.locator('summary').first().click();
    const overflow = await phone.evaluate(() => {
      const width = window.innerWidth;
      const wide = [...document.querySelectorAll<HTMLElement>('#devpanel *')]
        .filter((el) => el.offsetParent !== null)
        .filter((el) => el.getBoundingClientRect().right > width + 1)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
      return { page: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
    });
    expect(overflow.wide).toEqual([]);
    expect(overflow.page).toBeLessThanOrEqual(overflow.width);
  });
});
