/**
 * Test controls under `/__emulator/`: injected faults per endpoint, call statistics, the clock, what a kf account's
 * worker does in WeChat (accept the invitation, go online), and the automatic replies set in the web console. Inputs are
 * validated with zod and rejected with 400 and a message naming the field.
 * @module
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { EmulatorState } from '../state.js';
import { AUTO_REPLY_INPUT, autoReplySettings, setAutoReplySettings } from './auto-reply.js';
import { acceptKfInvite, setKfOnline } from './custom-service/accounts.js';
import { kfSlot } from './custom-service/store.js';
import { callStats, countCall } from './core/call-stats.js';
import { injectedFaults, playFault, takeFault, type Fault } from './core/faults.js';

const faultSchema = z
  .object({
    path: z.string().regex(/^\/(?!__emulator)/, 'must be an API path such as /cgi-bin/menu/get'),
    errcode: z
      .number()
      .int()
      .refine((n) => n !== 0, 'must not be 0 (0 is success)')
      .optional(),
    errmsg: z.string().max(200).optional(),
    delayMs: z.number().int().min(0).max(60_000).optional(),
    timeout: z.boolean().optional(),
    status: z.number().int().min(200).max(599).optional(),
    body: z.string().max(10_000).optional(),
    contentType: z.string().min(1).max(200).optional(),
    times: z.number().int().min(1).optional(),
  })
  .strict()
  .refine(
    (f) => f.errcode !== undefined || f.delayMs !== undefined || f.timeout === true || f.status !== undefined,
    { message: 'give at least one of errcode, delayMs, timeout: true or status' },
  )
  .refine((f) => f.status === undefined || (f.errcode === undefined && f.timeout === undefined), {
    message: 'status answers a raw HTTP body: it cannot go with errcode or timeout',
  })
  .refine((f) => f.status !== undefined || (f.body === undefined && f.contentType === undefined), {
    message: 'body and contentType need status',
  });

const clockSchema = z
  .object({
    advanceSeconds: z
      .number()
      .min(0)
      .max(10 * 365 * 86_400),
  })
  .strict();

const kfWorkerSchema = z
  .object({
    kf_account: z.string().min(1),
    accept: z.literal(true).optional(),
    online: z.boolean().optional(),
  })
  .strict();

/**
 * A middleware that plays the next fault of the request's path when it is a raw HTTP answer (`status`): counts the
 * call, waits `delayMs`, answers `body`. Other requests go on to the endpoint routes, which must come after it.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * const app = new Hono();
 * app.use('*', httpFaults(state));
 * ```
 */
export function httpFaults(state: EmulatorState): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    // Faults of one path apply in order: only a `status` fault at the head of the path's queue is played here.
    const status = injectedFaults(state).find((f) => f.path === path)?.status;
    if (status === undefined) return next();
    countCall(state, path);
    const fault = takeFault(state, path)!;
    // A status fault has neither errcode nor timeout (the schema says so): playing it only waits its delayMs.
    await playFault(fault, c.req.raw.signal, 0);
    return new Response(fault.body ?? '', {
      status,
      headers: { 'content-type': fault.contentType ?? 'text/html; charset=utf-8' },
    });
  };
}

async function readInput<T>(
  c: Context,
  schema: z.ZodType<T>,
): Promise<{ ok: true; value: T } | { ok: false; res: Response }> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    return { ok: false, res: c.json({ error: 'the body must be JSON' }, 400) };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, res: c.json({ error: z.prettifyError(parsed.error) }, 400) };
}

/**
 * The `/__emulator/` test-control routes.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * new Hono().route('/', controlRoutes(state));
 * // POST /__emulator/faults {"path":"/cgi-bin/menu/get","errcode":-1,"times":1}
 * // GET  /__emulator/stats → {"calls":{"/cgi-bin/menu/get":1}}
 * // POST /__emulator/clock {"advanceSeconds":7200}
 * // POST /__emulator/kf-workers {"kf_account":"test1@mywechatid","accept":true,"online":true}
 * // PUT  /__emulator/autoreply {"is_add_friend_reply_open":1,"is_autoreply_open":0,"add_friend_autoreply_info":{…}}
 * ```
 */
export function controlRoutes(state: EmulatorState): Hono {
  const app = new Hono();
  // Ahead of every route mounted after these controls, i.e. the platform's endpoints.
  app.use('*', httpFaults(state));
  app.post('/__emulator/faults', async (c) => {
    const input = await readInput(c, faultSchema);
    if (!input.ok) return input.res;
    // A JSON round trip drops the fields zod left undefined (the fault is saved with the state anyway).
    const fault = JSON.parse(JSON.stringify(input.value)) as Fault;
    injectedFaults(state).push(fault);
    state.markModified();
    return c.json({ faults: injectedFaults(state) });
  });
  app.get('/__emulator/faults', (c) => c.json({ faults: injectedFaults(state) }));
  app.delete('/__emulator/faults', (c) => {
    const path = c.req.query('path');
    const list = injectedFaults(state);
    const kept = path === undefined ? [] : list.filter((f) => f.path !== path);
    list.splice(0, list.length, ...kept);
    state.markModified();
    return c.json({ faults: list });
  });
  app.get('/__emulator/stats', (c) => c.json({ calls: callStats(state).calls }));
  app.delete('/__emulator/stats', (c) => {
    callStats(state).calls = {};
    state.markModified();
    return c.json({ calls: {} });
  });
  app.get('/__emulator/clock', (c) => c.json({ now: state.now(), offsetMs: state.clockOffsetMs }));
  app.post('/__emulator/clock', async (c) => {
    const input = await readInput(c, clockSchema);
    if (!input.ok) return input.res;
    state.clockOffsetMs += Math.round(input.value.advanceSeconds * 1000);
    state.markModified();
    return c.json({ now: state.now(), offsetMs: state.clockOffsetMs });
  });
  app.post('/__emulator/kf-workers', async (c) => {
    const input = await readInput(c, kfWorkerSchema);
    if (!input.ok) return input.res;
    const { kf_account: account, accept, online } = input.value;
    const kf = kfSlot(state).accounts.find((k) => k.account === account);
    if (kf === undefined) return c.json({ error: `no kf account "${account}"` }, 404);
    if (accept && !acceptKfInvite(state, account)) return c.json({ error: 'no invitation is waiting' }, 409);
    // Accepting changed the account even when going online fails below.
    const bound = online === undefined || setKfOnline(state, account, online);
    state.markModified();
    if (!bound) return c.json({ error: 'no worker is bound: invite one and accept first' }, 409);
    return c.json({ kf_account: kf.account, kf_wx: kf.worker ?? null, online: kf.online });
  });
  app.get('/__emulator/autoreply', (c) => c.json(autoReplySettings(state)));
  app.put('/__emulator/autoreply', async (c) => {
    const input = await readInput(c, AUTO_REPLY_INPUT);
    if (!input.ok) return input.res;
    // A JSON round trip drops the fields zod left undefined.
    setAutoReplySettings(
      state,
      JSON.parse(JSON.stringify(input.value)) as ReturnType<typeof autoReplySettings>,
    );
    return c.json(autoReplySettings(state));
  });
  return app;
}
