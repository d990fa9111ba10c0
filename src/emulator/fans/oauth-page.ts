/**
 * Web authorization (网页授权) as the fan meets it: `GET /connect/oauth2/authorize?…` goes straight through for
 * `snsapi_base` and shows a consent page for `snsapi_userinfo`; then the fan lands on
 * `redirect_uri?code=CODE&state=STATE` (only `state` when they refuse). The code is exchanged at the platform's
 * `/sns/oauth2/access_token`.
 * @module
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { consentPage, escapeHtml, readConsent } from './consent-html.js';
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

/** The title of the error pages. */
const FAILED = '授权失败';

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

/**
 * The consent page of `snsapi_userinfo`: the request carried in hidden fields, the fan to pick, allow or deny. Only
 * its text is its own (a `ConsentText` record, alike in shape with the subscription page's by nature).
 */
function userinfoConsent(state: EmulatorState, q: AuthorizeRequest, fan: Fan): string {
  return consentPage(state, q, fan, {
    title: `${state.account.name} 申请使用`,
    heading: `${state.account.name} 申请使用`,
    what: `获得你的公开信息（昵称、头像等）<br><small>scope=${escapeHtml(q.scope)}</small>`,
    action: '/connect/oauth2/authorize/confirm',
    who: '授权用户 (fan)',
    allow: { value: 'allow', label: '允许', id: 'oauth-allow' },
    deny: { value: 'deny', label: '拒绝', id: 'oauth-deny' },
  });
}

/** `GET /connect/oauth2/authorize`: straight through for `snsapi_base`, the consent page otherwise. */
async function authorize(state: EmulatorState, c: Context): Promise<Response> {
  const read = await readConsent(state, c, request, FAILED);
  if (read instanceof Response) return read;
  const { q, fan } = read;
  if (q.scope === 'snsapi_base' && q.forcePopup !== 'true') return grant(state, c, q, fan);
  return c.html(userinfoConsent(state, q, fan));
}

/** `POST /connect/oauth2/authorize/confirm`: the fan's answer on the consent page. */
async function confirm(state: EmulatorState, c: Context): Promise<Response> {
  const read = await readConsent(state, c, request, FAILED);
  if (read instanceof Response) return read;
  const { q, fan } = read;
  const body = await c.req.parseBody();
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
