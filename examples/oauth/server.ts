/**
 * Web authorization (网页授权) example: a tiny page server that sends the visitor through WeChat's consent page and
 * shows who they are.
 *
 * Flow: `/` → "Sign in" → `/login` redirects to the authorize URL (with a random `state` kept in a cookie) →
 * WeChat sends the visitor back to `/callback?code=…&state=…` → the code is exchanged once for the user's token
 * and openid → the page shows the openid (and, with scope `snsapi_userinfo`, the nickname).
 *
 * Run it against WeChat (the page must be on the account's web-authorization domain, opened inside WeChat):
 *
 * ```sh
 * WECHAT_APPID=wx… WECHAT_APPSECRET=… PUBLIC_URL=https://your.domain PORT=3000 npx tsx examples/oauth/server.ts
 * ```
 *
 * Or call `startOAuthExample({ …, apiBase, authorizeOrigin })` with an emulator's URL in both, so its consent page
 * stands in for WeChat's.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AddressInfo } from 'node:net';
import { createApiClient } from '../../src/api/client.js';
import type { OAuthScope } from '../../src/api/types/oauth.js';
import { WeChatError } from '../../src/errors.js';

/**
 * Settings of the example.
 *
 * @example
 * ```ts
 * const o: OAuthExampleOptions = { appId: 'wx…', appSecret: '…', publicUrl: 'https://example.com' };
 * ```
 */
export interface OAuthExampleOptions {
  appId: string;
  appSecret: string;
  /** The origin visitors see, used to build the `redirect_uri` (`${publicUrl}/callback`). */
  publicUrl: string;
  /** Default `snsapi_base` (silent, openid only); `snsapi_userinfo` asks for consent and shows the nickname. */
  scope?: OAuthScope;
  /** WeChat's API origin, or an emulator's. */
  apiBase?: string;
  /** Origin of the consent page (`https://open.weixin.qq.com`), or an emulator's. */
  authorizeOrigin?: string;
  fetch?: typeof fetch;
}

/**
 * The example's Hono app (for `app.request()` in tests, or any server).
 *
 * @example
 * ```ts
 * const app = createOAuthExampleApp({ appId, appSecret, publicUrl: 'http://127.0.0.1:3000' });
 * ```
 */
export function createOAuthExampleApp(options: OAuthExampleOptions): Hono {
  const scope = options.scope ?? 'snsapi_base';
  const client = createApiClient({
    appId: options.appId,
    appSecret: options.appSecret,
    // Web authorization never uses the global access_token, so the example needs no token manager.
    tokenProvider: {
      getToken: () =>
        Promise.reject(new WeChatError('TOKEN_UNAVAILABLE', 'the OAuth example has no global token')),
      invalidate: () => Promise.resolve(),
    },
    ...(options.apiBase ? { apiBase: options.apiBase } : {}),
    ...(options.authorizeOrigin ? { authorizeOrigin: options.authorizeOrigin } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const app = new Hono();

  app.get('/', (c) =>
    c.html(page('Web authorization example', '<p><a href="/login">Sign in with WeChat</a></p>')),
  );

  app.get('/login', (c) => {
    const state = randomBytes(16).toString('hex');
    setCookie(c, 'oauth_state', state, { httpOnly: true, sameSite: 'Lax', path: '/callback', maxAge: 600 });
    const redirectUri = `${options.publicUrl.replace(/\/+$/, '')}/callback`;
    return c.redirect(client.oauth.authorizeUrl({ redirectUri, scope, state }));
  });

  app.get('/callback', async (c) => {
    const { code, state } = c.req.query();
    if (!state || state !== getCookie(c, 'oauth_state')) {
      return c.html(
        page(
          'Sign-in failed',
          '<p>The state does not match this browser. <a href="/login">Try again</a></p>',
        ),
        400,
      );
    }
    if (!code) return c.html(page('Sign-in declined', '<p>You did not allow the sign-in.</p>'), 403);
    try {
      const token = await client.oauth.accessToken(code);
      let rows = `<dt>openid</dt><dd id="openid">${escapeHtml(token.openid)}</dd>`;
      if (token.is_snapshotuser === 1)
        rows += '<dt>note</dt><dd>snapshot mode: a virtual account, not a real user</dd>';
      if (scope === 'snsapi_userinfo') {
        const user = await client.oauth.userInfo(token.access_token, token.openid);
        rows += `<dt>nickname</dt><dd id="nickname">${escapeHtml(user.nickname)}</dd>`;
      }
      return c.html(page('Signed in', `<dl>${rows}</dl>`));
    } catch (err) {
      // A reload of this URL repeats the single-use code; the error's hint says so (40163).
      const message = err instanceof WeChatError ? err.message : 'Unexpected error';
      return c.html(
        page('Sign-in failed', `<p>${escapeHtml(message)}</p><p><a href="/login">Try again</a></p>`),
        502,
      );
    }
  });

  return app;
}

/**
 * Starts the example on `port` (0 picks a free one); resolves once it listens.
 *
 * @example
 * ```ts
 * const example = await startOAuthExample({ appId, appSecret, publicUrl: 'http://127.0.0.1:3000' }, 3000);
 * await example.close();
 * ```
 */
export async function startOAuthExample(
  options: OAuthExampleOptions,
  port = 3000,
  hostname = '127.0.0.1',
): Promise<{ url: string; close(): Promise<void> }> {
  const app = createOAuthExampleApp(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname }, () => resolve(s));
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://${hostname}:${actual}`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

// Run directly: configuration from the environment.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const env = process.env;
  const appId = env['WECHAT_APPID'];
  const appSecret = env['WECHAT_APPSECRET'];
  if (!appId || !appSecret) {
    console.error('Set WECHAT_APPID and WECHAT_APPSECRET (and PUBLIC_URL, the origin visitors use).');
    process.exit(2);
  }
  const port = Number(env['PORT'] ?? 3000);
  const example = await startOAuthExample(
    {
      appId,
      appSecret,
      publicUrl: env['PUBLIC_URL'] ?? `http://127.0.0.1:${port}`,
      scope: env['OAUTH_SCOPE'] === 'snsapi_userinfo' ? 'snsapi_userinfo' : 'snsapi_base',
      ...(env['WECHAT_API_BASE'] ? { apiBase: env['WECHAT_API_BASE'] } : {}),
    },
    port,
    '0.0.0.0',
  );
  console.log(`OAuth example on ${example.url}`);
}
