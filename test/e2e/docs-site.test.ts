/**
 * The documentation site: `npm run docs:build` builds it, every internal link and anchor of the built HTML leads
 * somewhere, the API reference lists the whole endpoint table in both languages, and a few pages (and the search)
 * work in Chromium.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../src/api/endpoints.js';
import { checkSite, fileOf } from '../support/site-check.js';
import { chromiumAvailable, launchChromium } from './browser/chromium.js';

const root = join(import.meta.dirname, '../..');
const dist = join(root, 'docs/.vitepress/dist');

/**
 * Files and pages the go-live guide links that the production work (issue 12) adds: `deploy/`, `docs/operations.md`,
 * `docs/slow-handlers.md`. Until they are in the repository their links are reported, not failed; every other link
 * must resolve.
 */
const PENDING = [
  'deploy/README.md',
  'deploy/nginx/wxmp.conf',
  'deploy/systemd/wxmp.service',
  'deploy/pm2/ecosystem.config.cjs',
  '/en/operations',
  '/en/slow-handlers',
];

beforeAll(async () => {
  await promisify(execFile)('npm', ['run', 'docs:build'], {
    cwd: root,
    timeout: 280_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}, 300_000);

describe('npm run docs:build', () => {
  it('builds the Chinese site at / and the English mirror at /en/', () => {
    const zh = readFileSync(join(dist, 'index.html'), 'utf8');
    const en = readFileSync(join(dist, 'en/index.html'), 'utf8');
    expect(zh).toContain('lang="zh-CN"');
    expect(en).toContain('lang="en-US"');
    for (const page of [
      'getting-started',
      'go-live',
      'webhook',
      'token',
      'api',
      'api-reference',
      'emulator',
      'cli',
    ]) {
      expect(fileOf(dist, `/${page}`), `/${page}`).toBeDefined();
      expect(fileOf(dist, `/en/${page}`), `/en/${page}`).toBeDefined();
    }
  });

  it('puts every page of docs/ in the site, in both languages', () => {
    const english = readFileSync(join(dist, 'en/webhook.html'), 'utf8'); // its sidebar
    for (const page of ['adapters', 'architecture', 'contributing', 'emulator-api', 'proxy']) {
      expect(fileOf(dist, `/en/${page}`), `/en/${page}`).toBeDefined();
      expect(fileOf(dist, `/${page}`), `/${page}`).toBeDefined();
      expect(english).toContain(`href="/en/${page}"`);
    }
  });

  it('lists every endpoint of the table in the API reference, with its method, path, types and WeChat page', () => {
    const names = Object.values(endpoints);
    for (const page of ['/api-reference', '/en/api-reference']) {
      const html = readFileSync(fileOf(dist, page)!, 'utf8');
      for (const spec of names) {
        expect(html, `${spec.name} in ${page}`).toContain(`<code>${spec.name}</code>`);
        expect(html).toContain(`${spec.method} ${spec.path}</code>`);
        expect(html).toContain(`href="${spec.doc}"`);
      }
    }
    const en = readFileSync(fileOf(dist, '/en/api-reference')!, 'utf8');
    // Types as EndpointTypes declares them: a request and a response per row.
    expect(en).toMatch(
      /menu\.create<\/code><\/td><td><code>POST \/cgi-bin\/menu\/create<\/code><\/td><td>access_token<\/td><td><code>Menu<\/code><\/td><td><code>BaseResponse<\/code>/,
    );
  });

  it('has no broken internal link or anchor', () => {
    const result = checkSite({ dir: dist, repoRoot: root, repoPrefix: '/repo/', pending: PENDING });
    if (result.pendingMissing.length > 0) {
      console.warn(
        `\n!!! docs site: links to files not yet in the repository (issue 12 adds them): ${result.pendingMissing.join(', ')}\n`,
      );
    }
    expect(result.pages).toBeGreaterThan(25);
    expect(result.checked).toBeGreaterThan(500);
    expect(result.broken).toEqual([]);
  });

  it('copies the repository files the pages link into the site', () => {
    expect(existsSync(join(dist, 'repo/examples/express-late-reply/server.ts'))).toBe(true);
  });
});

describe.skipIf(!chromiumAvailable)('the site in Chromium', () => {
  let server: Server;
  let origin: string;
  let browser: Browser;
  const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.woff2': 'font/woff2',
  };

  beforeAll(async () => {
    // A static server with clean URLs, as any host of the site would be set up.
    server = createServer((req, res) => {
      const file = fileOf(dist, new URL(req.url ?? '/', 'http://x').pathname);
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/plain; charset=utf-8' });
      res.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('opens the Chinese home page and the go-live guide from its button', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${origin}/`);
    await expect(page.locator('.VPHero .text').textContent()).resolves.toContain('微信公众号');
    await page.getByRole('link', { name: '上线指南' }).first().click();
    await page.waitForURL(`${origin}/go-live`);
    await expect(page.locator('h1').textContent()).resolves.toContain('上线指南');
    await expect(page.locator('.VPSidebar').textContent()).resolves.toContain('API 参考');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches a page to its English mirror', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin}/webhook`);
    await page.locator('.VPNavBarTranslations').hover();
    await page.locator('.VPNavBarTranslations a', { hasText: 'English' }).click();
    await page.waitForURL(`${origin}/en/webhook`);
    // The URL changes before the client-side router has rendered the new page: wait for its heading.
    await page.locator('h1', { hasText: 'The webhook' }).waitFor();
    await page.close();
  });

  it('finds the echostr check with the local search', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin}/`);
    await page.locator('.DocSearch-Button, .VPNavBarSearchButton').first().click();
    await page.locator('.VPLocalSearchBox input').fill('echostr');
    const results = page.locator('.VPLocalSearchBox .results li');
    await results.first().waitFor();
    await expect(page.locator('.VPLocalSearchBox .results').textContent()).resolves.toContain('上线指南');
    await page.close();
  });

  it('shows the generated API reference table', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/en/api-reference`);
    const rows = await page.locator('table tbody tr').count();
    expect(rows).toBe(Object.keys(endpoints).length);
    await page.close();
  });
});
