/**
 * Each slow-handler strategy on the phone page and in the developer panel, in headless Chromium against `wxmp dev`
 * (the menu bot answers `sleep N` after N seconds), with WeChat's cut shortened to 1 s and the budget to 0.8 s:
 * stretch (a late but ordinary reply; two held attempts and one answered), pull (the pull text, then the answer on
 * the next message), customer-service ("对方正在输入..." then the answer).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDev, type DevServer } from '../../../src/emulator/dev.js';
import type { SlowStrategy } from '../../../src/webhook/slow/strategy.js';
import { DEFAULT_PULL_TEXT } from '../../../src/webhook/slow/strategy.js';
import { chromiumAvailable, launchChromium } from './chromium.js';

describe.skipIf(!chromiumAvailable)('slow handlers as the fan and the developer see them', () => {
  let browser: Browser;
  let dev: DevServer | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });
  afterEach(async () => {
    await dev?.close();
    dev = undefined;
  });

  async function open(slow: SlowStrategy[]): Promise<Page> {
    dev = await startDev({ port: 0, slow, pushTimeoutMs: 1000, replyBudgetMs: 800 });
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await page.goto(dev.url);
    await page.waitForSelector('body[data-ready="true"]');
    return page;
  }

  async function send(page: Page, text: string): Promise<void> {
    if (await page.locator('#to-keyboard').isVisible()) await page.click('#to-keyboard');
    await page.fill('#input', text);
    await page.press('#input', 'Enter');
    await page.locator('.msg.mine .bubble', { hasText: text }).last().waitFor();
  }

  it('stretch: the answer arrives late as an ordinary reply; the panel shows two held attempts and the answered one', async () => {
    const page = await open(['stretch', 'pull']);
    const sent = Date.now();
    await send(page, 'sleep 2');
    await page.locator('.msg.theirs .bubble', { hasText: 'slept 2 s' }).waitFor({ timeout: 10_000 });
    const after = Date.now() - sent;
    expect(after).toBeGreaterThanOrEqual(2000);
    const push = page.locator('.push[data-kind="text"]').last();
    await push.locator('summary').click();
    await push.locator('tr.attempt.answered').waitFor();
    await expect(push.locator('tr.attempt.held').count()).resolves.toBe(2);
    await expect(push.locator('tr.attempt.answered .outcome').textContent()).resolves.toContain(
      'after 2 held',
    );
    console.log(`browser, stretch: "slept 2 s" shown ${after} ms after sending`);
    await page.close();
  }, 30_000);

  it('pull: the pull text, then the answer as the reply to the next message', async () => {
    const page = await open(['stretch', 'pull']);
    await send(page, 'sleep 4');
    await page.locator('.msg.theirs .bubble', { hasText: DEFAULT_PULL_TEXT }).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(1500);
    await send(page, '好了吗');
    await page.locator('.msg.theirs .bubble', { hasText: 'slept 4 s' }).waitFor({ timeout: 5000 });
    await expect(page.locator('.msg.theirs .bubble', { hasText: '好了吗' }).count()).resolves.toBe(0);
    await page.close();
  }, 30_000);

  it('customer-service: "对方正在输入..." while the answer is worked on, then the answer', async () => {
    const page = await open(['customer-service']);
    await send(page, 'sleep 3');
    await page.locator('#account-name.typing', { hasText: '对方正在输入...' }).waitFor({ timeout: 5000 });
    await page.locator('.msg.theirs .bubble', { hasText: 'slept 3 s' }).waitFor({ timeout: 10_000 });
    await page.close();
  }, 30_000);
});
