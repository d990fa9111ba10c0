/**
 * Serves the phone page: plain HTML, CSS and ES modules from `ui/assets/` (no build step, no CDN, works offline).
 * The files sit next to this module in `src/` and are copied next to the compiled one in `dist/` by the build.
 * @module
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};

/** The folder holding the page's files. */
export const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));

/**
 * Reads the page's files once (a few tens of KB) and serves them: `/` is the phone page, the rest under
 * `/__emulator/ui/`.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * new Hono().route('/', pageRoutes());
 * ```
 */
export function pageRoutes(dir: string = ASSETS_DIR): Hono {
  const files = new Map<string, { body: string; type: string }>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[name.split('.').pop() ?? ''];
    if (type) files.set(name, { body: readFileSync(`${dir}/${name}`, 'utf8'), type });
  }
  const app = new Hono();
  const serve = (name: string) => {
    const file = files.get(name);
    // no-cache: the page changes with the package; a stale app.js against a new API is confusing.
    return file
      ? new Response(file.body, {
          headers: {
            'content-type': file.type,
            'cache-control': 'no-cache',
            'x-content-type-options': 'nosniff',
          },
        })
      : new Response('not found', { status: 404 });
  };
  app.get('/', () => serve('index.html'));
  app.get('/__emulator/ui/:name', (c) => serve(c.req.param('name')));
  return app;
}
