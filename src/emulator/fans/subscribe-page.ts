/**
 * The one-time subscription page (一次性订阅消息) as the fan meets it: `GET /mp/subscribemsg?action=get_confirm&…`
 * shows what the account asks (one message of a template, for a scene), and the fan's 允许 / 取消 sends them to
 * `redirect_url?openid=…&template_id=…&action=confirm|cancel&scene=…&reserved=…`. After `confirm` the account may
 * send that fan one `message/template/subscribe` of that template and scene. The phone page offers the same choice
 * in a sheet of its own (the `subscribe-once` fan action).
 * @module
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { grantOneTime } from '../platform/subscribe-consent.js';
import type { EmulatorState } from '../state.js';
import type { Fan } from '../world.js';
import { consentPage, escapeHtml, readConsent } from './consent-html.js';
import { oneTimeRedirect } from './subscribe-actions.js';

const request = z.object({
  action: z.literal('get_confirm', { message: 'action 必须为 get_confirm' }),
  appid: z.string().min(1, 'appid 参数错误 (appid is missing)'),
  scene: z
    .string()
    .regex(/^\d{1,5}$/, 'scene 参数错误 (0 to 10000)')
    .refine((s) => Number(s) <= 10_000, 'scene 参数错误 (0 to 10000)'),
  template_id: z.string().min(1, 'template_id 参数错误'),
  redirect_url: z.url({ message: 'redirect_url 参数错误 (an absolute, URL-encoded http(s) URL)' }),
  reserved: z
    .string()
    .regex(/^[a-zA-Z0-9]{0,128}$/, 'reserved 最长 128 个字母或数字')
    .optional(),
  /** Emulator extension: which fan answers (else the phone's current fan, else the default fan). */
  fan: z.string().optional(),
});

type SubscribeRequest = z.infer<typeof request>;

/** The title of the error pages. */
const FAILED = '订阅失败';

/** The page's text: a `ConsentText` record, alike in shape with web authorization's by nature. */
function subscribeConsent(state: EmulatorState, q: SubscribeRequest, fan: Fan): string {
  return consentPage(state, q, fan, {
    title: `${state.account.name} 申请发送订阅消息`,
    heading: `${state.account.name} 申请向你发送一次消息`,
    what: `模板 ${escapeHtml(q.template_id)}<br><small>scene=${escapeHtml(q.scene)}</small>`,
    action: '/mp/subscribemsg/confirm',
    who: '用户 (fan)',
    allow: { value: 'confirm', label: '允许', id: 'subscribe-confirm' },
    deny: { value: 'cancel', label: '取消', id: 'subscribe-cancel' },
  });
}

async function show(state: EmulatorState, c: Context): Promise<Response> {
  const read = await readConsent(state, c, request, FAILED);
  if (read instanceof Response) return read;
  return c.html(subscribeConsent(state, read.q, read.fan));
}

async function confirm(state: EmulatorState, c: Context): Promise<Response> {
  const read = await readConsent(state, c, request, FAILED);
  if (read instanceof Response) return read;
  const { q, fan } = read;
  const body = await c.req.parseBody();
  const action: 'confirm' | 'cancel' = body['decision'] === 'confirm' ? 'confirm' : 'cancel';
  if (action === 'confirm') grantOneTime(state, fan.openid, q.template_id, q.scene);
  const consent = {
    templateId: q.template_id,
    scene: q.scene,
    redirectUrl: q.redirect_url,
    reserved: q.reserved,
    action,
  };
  return c.redirect(oneTimeRedirect(fan.openid, consent), 302);
}

/**
 * The one-time subscription page of the emulated `mp.weixin.qq.com`.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * new Hono().route('/', subscribePageRoutes(state));
 * // GET /mp/subscribemsg?action=get_confirm&appid=wx…&scene=1000&template_id=T&redirect_url=https%3A%2F%2Fexample.com%2Fsub
 * ```
 */
export function subscribePageRoutes(state: EmulatorState): Hono {
  const app = new Hono();
  app.get('/mp/subscribemsg', (c) => show(state, c));
  app.post('/mp/subscribemsg/confirm', (c) => confirm(state, c));
  return app;
}
