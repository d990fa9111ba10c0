/**
 * What WeChat's consent pages share on the emulator (web authorization, the one-time subscription page): a small
 * HTML page in the OAuth style, its error page, and who is holding the phone.
 * @module
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { EmulatorState } from '../state.js';
import type { Fan } from '../world.js';
import { DEFAULT_FAN } from './create-fan.js';

/**
 * The cookie the phone page sets to say which fan is holding the phone.
 *
 * @example
 * ```ts
 * document.cookie = `${FAN_COOKIE}=oWxmpDefaultFan000000000001; path=/`;
 * ```
 */
export const FAN_COOKIE = 'wxmp_fan';

/**
 * Text made safe for HTML.
 *
 * @example
 * ```ts
 * escapeHtml('<b>'); // '&lt;b&gt;'
 * ```
 */
export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/**
 * A consent page with a title and a body (already HTML).
 *
 * @example
 * ```ts
 * const html = page('授权', '<main class="oauth"><h1>授权</h1></main>');
 * ```
 */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/__emulator/ui/oauth.css"></head><body>${body}</body></html>`;
}

/**
 * WeChat's error page (400) with a message.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * new Hono().get('/x', (c) => errorPage(c, 'appid 参数错误'));
 * ```
 */
export function errorPage(c: Context, message: string, title = '授权失败'): Response {
  return c.html(
    page(
      title,
      `<main class="oauth"><div class="icon warn">!</div><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main>`,
    ),
    400,
  );
}

function cookieFan(c: Context): string | undefined {
  const match = new RegExp(`(?:^|;\\s*)${FAN_COOKIE}=([^;]+)`).exec(c.req.header('cookie') ?? '');
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/**
 * Who answers a consent page: the fan the request names, else the one holding the phone (cookie), else the
 * default fan, else any.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * new Hono().get('/consent', (c) => c.text(fanFor(state, c, c.req.query('fan'))?.openid ?? 'no fan'));
 * ```
 */
export function fanFor(state: EmulatorState, c: Context, wanted: string | undefined): Fan | undefined {
  for (const id of [wanted, cookieFan(c), DEFAULT_FAN.openid]) {
    const fan = id === undefined ? undefined : state.fans.get(id);
    if (fan) return fan;
  }
  return state.fans.values().next().value;
}

/**
 * A consent page's parameters (the query, or the confirm form), checked by `schema` and for the emulated account's
 * AppID; else the message WeChat's error page shows.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { z } from 'zod';
 * const schema = z.object({ appid: z.string(), fan: z.string().optional() });
 * new Hono().get('/consent', async (c) => {
 *   const q = await readConsentRequest(state, c, schema);
 *   return typeof q === 'string' ? errorPage(c, q) : c.text(q.appid);
 * });
 * ```
 */
export async function readConsentRequest<T extends { appid: string }>(
  state: EmulatorState,
  c: Context,
  schema: z.ZodType<T>,
): Promise<T | string> {
  const raw = c.req.method === 'POST' ? await c.req.parseBody() : c.req.query();
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'invalid request';
  if (parsed.data.appid !== state.account.appId)
    return `appid 参数错误: ${parsed.data.appid} is not the emulated account (${state.account.appId})`;
  return parsed.data;
}

/**
 * A consent form's parts: the request carried in hidden fields (but `fan`, which the form asks for) and the
 * `<option>`s of the fan to answer as, `fan` selected.
 *
 * @example
 * ```ts
 * import { DEFAULT_FAN } from './create-fan.js';
 * const { hidden, fans } = consentFormParts(state, { appid: 'wx1', scene: '1000' }, DEFAULT_FAN);
 * const form = `<form method="post">${hidden}<select name="fan">${fans}</select></form>`;
 * ```
 */
export function consentFormParts(
  state: EmulatorState,
  request: Record<string, unknown> & { fan?: string | undefined },
  fan: Pick<Fan, 'openid'>,
): { hidden: string; fans: string } {
  const { fan: _fan, ...carried } = request;
  const hidden = Object.entries(carried)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(String(v))}">`)
    .join('');
  const fans = [...state.fans.values()]
    .map(
      (f) =>
        `<option value="${escapeHtml(f.openid)}"${f.openid === fan.openid ? ' selected' : ''}>${escapeHtml(f.nickname)}</option>`,
    )
    .join('');
  return { hidden, fans };
}

/**
 * What one consent page says: its title, heading and request (`what`, already HTML), where the form goes, the
 * label of the fan picker, and the two buttons (their `decision` value, label and element id).
 */
export interface ConsentText {
  title: string;
  heading: string;
  what: string;
  action: string;
  who: string;
  allow: { value: string; label: string; id: string };
  deny: { value: string; label: string; id: string };
}

/**
 * A consent page: the account's avatar and heading, what it asks, and a form carrying the request in hidden fields,
 * with the fan to answer as and the two buttons.
 *
 * @example
 * ```ts
 * import { DEFAULT_FAN } from './create-fan.js';
 * const html = consentPage(state, { appid: 'wx1' }, DEFAULT_FAN, {
 *   title: '申请使用', heading: '申请使用', what: '公开信息', action: '/confirm', who: '用户',
 *   allow: { value: 'allow', label: '允许', id: 'allow' }, deny: { value: 'deny', label: '拒绝', id: 'deny' },
 * });
 * ```
 */
export function consentPage(
  state: EmulatorState,
  request: Record<string, unknown> & { fan?: string | undefined },
  fan: Pick<Fan, 'openid'>,
  text: ConsentText,
): string {
  const { hidden, fans } = consentFormParts(state, request, fan);
  const button = (b: ConsentText['allow'], cls: string) =>
    `<button name="decision" value="${b.value}" class="${cls}" id="${b.id}">${b.label}</button>`;
  return page(
    text.title,
    `<main class="oauth">
  <div class="avatar">${escapeHtml(state.account.name.slice(0, 1))}</div>
  <h1>${escapeHtml(text.heading)}</h1>
  <p class="what">${text.what}</p>
  <form method="post" action="${text.action}">${hidden}
    <label class="who">${text.who} <select name="fan">${fans}</select></label>
    ${button(text.allow, 'allow')}
    ${button(text.deny, 'deny')}
  </form>
</main>`,
  );
}

/**
 * A consent page's request and the fan answering it (see {@link readConsentRequest} and {@link fanFor}), or the
 * error page titled `title` to answer instead.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { z } from 'zod';
 * const schema = z.object({ appid: z.string(), fan: z.string().optional() });
 * new Hono().get('/consent', async (c) => {
 *   const read = await readConsent(state, c, schema, '授权失败');
 *   return read instanceof Response ? read : c.text(read.fan.openid);
 * });
 * ```
 */
export async function readConsent<T extends { appid: string; fan?: string | undefined }>(
  state: EmulatorState,
  c: Context,
  schema: z.ZodType<T>,
  title: string,
): Promise<{ q: T; fan: Fan } | Response> {
  const q = await readConsentRequest(state, c, schema);
  if (typeof q === 'string') return errorPage(c, q, title);
  const fan = fanFor(state, c, q.fan);
  if (!fan) return errorPage(c, 'no fan exists (create one on the phone page)', title);
  return { q, fan };
}
