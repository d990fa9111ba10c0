/**
 * Web authorization (网页授权) as the fan meets it: `GET /connect/oauth2/authorize?…` goes straight through for
 * `snsapi_base` and shows a consent page for `snsapi_userinfo`; then the fan lands on
 * `redirect_uri?code=CODE&state=STATE` (only `state` when they refuse). The code is exchanged at the platform's
 * `/sns/oauth2/access_token`.
 * @module
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { consentFormParts, errorPage, escapeHtml, fanFor, page, readConsentRequest } from './consent-html.js';
import { issueOAuthCode } from '../platform/oauth.js';
import type { EmulatorState } from '../state.js';
import type { Fan } from '../world.js';

const request = z.object({
  appid: z.string().min(1, 'appid 参数错误 (appid is missing)'),
  redirect_uri: z.url({ message: 'redirect_uri 参数错误 (must be an absolute, URL-encoded http(s) URL)' }),
  response_type: z.literal('code', { message: 'response_type 必须为 code' }),
  scope: z.enum(['snsapi_base', 'snsapi_userinfo'], {
    message: 'Scope 参数错误或没有 Scope 权限 (snsapi_base or snsapi_userinfo)',
  }),
  state: z.string().max(128, 'state 最长 128 字节').optional(),
  forcePopup: z.string().optional(),
  /** Emulator extension: which fan authorizes (else the page's current fan, else the default fan). */
  fan: z.string().optional(),
});

function redirectTo(target: string, params: Record<string, string>): string {
  const url = new URL(target);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

type AuthorizeRequest = z.infer<typeof request>;

/** Issues a code and sends the fan back to the developer's page with it. */
function grant(state: EmulatorState, c: Context, q: AuthorizeRequest, fan: Fan): Response {
  const code = issueOAuthCode(state, {
    openid: fan.openid,
    scope: q.scope,
    appid: q.appid,
    redirectUri: q.redirect_uri,
  });
  return c.redirect(redirectTo(q.redirect_uri, { code, state: q.state ?? '' }), 302);
}

/** The consent page of `snsapi_userinfo`: the request carried in hidden fields, the fan to pick, allow or deny. */
function consentPage(state: EmulatorState, q: AuthorizeRequest, fan: Fan): string {
  const { hidden, fans } = consentFormParts(state, q, fan);
  const account = escapeHtml(state.account.name);
  return page(
    `${state.account.name} 申请使用`,
    `<main class="oauth">
  <div class="avatar">${escapeHtml(state.account.name.slice(0, 1))}</div>
  <h1>${account} 申请使用</h1>
  <p class="what">获得你的公开信息（昵称、头像等）<br><small>scope=${escapeHtml(q.scope)}</small></p>
  <form method="post" action="/connect/oauth2/authorize/confirm">${hidden}
    <label class="who">授权用户 (fan) <select name="fan">${fans}</select></label>
    <button name="decision" value="allow" class="allow" id="oauth-allow">允许</button>
    <button name="decision" value="deny" class="deny" id="oauth-deny">拒绝</button>
  </form>
</main>`,
  );
}

/** `GET /connect/oauth2/authorize`: straight through for `snsapi_base`, the consent page otherwise. */
async function authorize(state: EmulatorState, c: Context): Promise<Response> {
  const q = await readConsentRequest(state, c, request);
  if (typeof q === 'string') return errorPage(c, q);
  const fan = fanFor(state, c, q.fan);
  if (!fan) return errorPage(c, 'no fan exists (create one on the phone page)');
  if (q.scope === 'snsapi_base' && q.forcePopup !== 'true') return grant(state, c, q, fan);
  return c.html(consentPage(state, q, fan));
}

/** `POST /connect/oauth2/authorize/confirm`: the fan's answer on the consent page. */
async function confirm(state: EmulatorState, c: Context): Promise<Response> {
  const q = await readConsentRequest(state, c, request);
  if (typeof q === 'string') return errorPage(c, q);
  const body = await c.req.parseBody();
  const fan = fanFor(state, c, q.fan);
  if (!fan) return errorPage(c, 'no fan exists (create one on the phone page)');
  // Refusing returns only state, as WeChat does.
  if (body['decision'] !== 'allow')
    return c.redirect(redirectTo(q.redirect_uri, { state: q.state ?? '' }), 302);
  return grant(state, c, q, fan);
}

/**
 * The authorize page of the emulated `open.weixin.qq.com`.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * new Hono().route('/', oauthRoutes(state));
 * // GET /connect/oauth2/authorize?appid=wx…&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&response_type=code&scope=snsapi_base&state=s
 * // → 302 https://example.com/cb?code=…&state=s
 * ```
 */
export function oauthRoutes(state: EmulatorState): Hono {
  const app = new Hono();
  app.get('/connect/oauth2/authorize', (c) => authorize(state, c));
  app.post('/connect/oauth2/authorize/confirm', (c) => confirm(state, c));
  return app;
}
