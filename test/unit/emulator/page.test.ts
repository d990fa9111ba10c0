import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ASSETS_DIR, pageRoutes } from '../../../src/emulator/ui/page.js';

const app = pageRoutes();

describe('the phone page', () => {
  it('serves / as HTML that loads its own script and styles', async () => {
    const res = await app.request('/');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/__emulator/ui/app.js">');
    expect(html).toContain('href="/__emulator/ui/app.css"');
  });

  it.each([
    ['app.js', 'text/javascript'],
    ['render.js', 'text/javascript'],
    ['app.css', 'text/css'],
    ['icon.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (name, type) => {
    const res = await app.request(`/__emulator/ui/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
  });

  it('serves, as JavaScript, every module app.js imports, and every module of the folder is imported', async () => {
    const served = new Set<string>();
    const pending = ['app.js'];
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      if (served.has(name)) continue;
      const res = await app.request(`/__emulator/ui/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type'), name).toContain('text/javascript');
      served.add(name);
      for (const [, dependency] of (await res.text()).matchAll(/(?:from|import)\s+'\.\/([\w.-]+\.js)'/g))
        pending.push(dependency!);
    }
    const modules = readdirSync(ASSETS_DIR).filter((name) => name.endsWith('.js'));
    expect([...served].sort()).toEqual(modules.sort());
  });

  it('answers 404 for a file it does not have (no path traversal)', async () => {
    expect((await app.request('/__emulator/ui/..%2Fpage.ts')).status).toBe(404);
    expect((await app.request('/__emulator/ui/nope.js')).status).toBe(404);
  });

  it('works offline: no asset loads anything from another origin', () => {
    for (const name of readdirSync(ASSETS_DIR)) {
      const text = readFileSync(`${ASSETS_DIR}/${name}`, 'utf8');
      expect(text, name).not.toMatch(/(src|href)\s*=\s*["']https?:\/\//i);
      expect(text, name).not.toMatch(/@import|url\(\s*["']?https?:/i);
      expect(text, name).not.toMatch(/import\s[^;]*from\s+["']https?:/);
    }
  });
});
