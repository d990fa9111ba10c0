/**
 * The phone page's consent sheets and comments in headless Chromium against the `wxmp dev` setup, in-process: the
 * subscription popup and the notification settings (pushing subscribe_msg_popup_event and
 * subscribe_msg_change_event to the bot), the one-time subscription page a VIEW button opens, and a fan commenting
 * on a published article. Needs Debian's chromium at /usr/bin/chromium, like phone.test.ts (skipped loudly without
 * it, except under CI=true).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev, type DevServer } from '../../../src/emulator/dev.js';
import { DEFAULT_FAN } from '../../../src/emulator/fans/create-fan.js';
import { publications } from '../../../src/emulator/platform/core/article-store.js';
import { notificationConsent } from '../../../src/emulator/platform/subscribe-consent.js';
import { chromiumAvailable, launchChromium, platformCall } from './chromium.js';

const FAN = DEFAULT_FAN.openid;

describe.skipIf(!chromiumAvailable)('consent sheets and comments on the phone page', () => {
  let dev: DevServer;
  let browser: Browser;
  let phone: Page;
  const lastPush = () => dev.emulator.state.pushes.at(-1);

  beforeAll(async () => {
    dev = await startDev({ port: 0 });
    browser = await launchChromium();
    phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    // The developer's pages stay on this machine.
    await phone
      .context()
      .route('https://example.com/**', (route) => route.fulfill({ body: 'developer page' }));
    await phone.goto(dev.url);
    await phone.waitForSelector('body[data-ready="true"]');
  });

  afterAll(async () => {
    await browser?.close();
    await dev?.close();
  });

  it('answers the subscription popup in a sheet: the bot gets subscribe_msg_popup_event', async () => {
    await phone.click('#more');
    await phone.click('#act-subscribe');
    // The sheet opens once the fan's subscriptions have been fetched: wait for it before counting its rows.
    await phone.locator('#subscribe-form').waitFor();
    await expect(phone.locator('.sheet .sub-row').count()).resolves.toBe(2);
    await phone.uncheck('.sheet input[name="wxmp_sub_order_paid"]');
    await phone.click('#subscribe-ok');
    await expect.poll(() => lastPush()?.kind).toBe('event.subscribe_msg_popup_event');
    expect(lastPush()?.messageXml).toContain('<TemplateId><![CDATA[wxmp_sub_order_paid]]></TemplateId>');
    expect(notificationConsent(dev.emulator.state, FAN, 'wxmp_sub_arrival')).toBe('accept');
    expect(notificationConsent(dev.emulator.state, FAN, 'wxmp_sub_order_paid')).toBe('reject');
  });

  it('turns one off in the notification settings: subscribe_msg_change_event', async () => {
    await phone.click('#more');
    await phone.click('#act-notifications');
    await phone.click('.sheet button[data-template="wxmp_sub_arrival"]');
    await expect.poll(() => lastPush()?.kind).toBe('event.subscribe_msg_change_event');
    expect(notificationConsent(dev.emulator.state, FAN, 'wxmp_sub_arrival')).toBe('reject');
  });

  it('shows the one-time subscription page of a VIEW button as a sheet; 允许 opens the developer’s page', async () => {
    const { appId } = dev.emulator.state.account;
    const consentUrl =
      `${dev.url}mp/subscribemsg?action=get_confirm&appid=${appId}&scene=1000&template_id=T1` +
      `&redirect_url=${encodeURIComponent('https://example.com/sub')}&reserved=r1#wechat_redirect`;
    const menu = { button: [{ type: 'view', name: '订阅到货', url: consentUrl }] };
    expect(await platformCall(dev, '/cgi-bin/menu/create', menu)).toMatchObject({ errcode: 0 });
    await phone.locator('#menu-buttons button', { hasText: '订阅到货' }).waitFor();
    await phone.click('#menu-buttons [data-menu="0"]');
    await phone.locator('.sheet .once', { hasText: 'T1' }).waitFor();
    const [developerPage] = await Promise.all([phone.waitForEvent('popup'), phone.click('#once-confirm')]);
    await developerPage.waitForURL(/example\.com/);
    const back = new URL(developerPage.url());
    expect(Object.fromEntries(back.searchParams)).toEqual({
      openid: FAN,
      template_id: 'T1',
      action: 'confirm',
      scene: '1000',
      reserved: 'r1',
    });
    await developerPage.close();
    const message = {
      touser: FAN,
      template_id: 'T1',
      scene: '1000',
      title: '到货',
      data: { content: { value: '到了' } },
    };
    expect(await platformCall(dev, '/cgi-bin/message/template/subscribe', message)).toMatchObject({
      errcode: 0,
    });
  });

  it('comments on a published article, and sees the account’s reply', async () => {
    publications(dev.emulator.state).jobs['9'] = {
      publish_id: '9',
      msg_data_id: '2247483647',
      status: 0,
      article_id: 'A9',
      articles: [{ title: '新品发布', need_open_comment: 1 }],
      create_time: 1_700_000_000,
      update_time: 1_700_000_000,
    };
    await phone.click('#more');
    await phone.click('#act-articles');
    await phone.click('.sheet [data-article="2247483647_0"]');
    await phone.fill('#comment-form textarea', '期待上市');
    await phone.click('#comment-form button[type="submit"]');
    await phone.locator('.sheet .comment', { hasText: '期待上市' }).waitFor();
    const list = await platformCall(dev, '/cgi-bin/comment/list', {
      msg_data_id: 2247483647,
      begin: 0,
      count: 10,
      type: 0,
    });
    expect(list).toMatchObject({ total: 1, comment: [{ content: '期待上市', openid: FAN }] });
    const target = { msg_data_id: 2247483647, index: 0, user_comment_id: 1 };
    expect(
      await platformCall(dev, '/cgi-bin/comment/reply/add', { ...target, content: '谢谢支持' }),
    ).toMatchObject({
      errcode: 0,
    });
    await phone.click('.sheet .cancel');
    await phone.click('#more');
    await phone.click('#act-articles');
    await phone.click('.sheet [data-article="2247483647_0"]');
    await phone.locator('.sheet .comment .reply', { hasText: '谢谢支持' }).waitFor();
  });
});
