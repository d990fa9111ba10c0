/**
 * The fan-action API under `/__emulator/…`: what the phone page (and tests) call. Inputs are validated with zod
 * here, at the trust boundary; the actions themselves live in `fans.ts`.
 * @module
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { ENCRYPTION_MODES } from '../crypto/mode.js';
import { createFan, FanActionError, type ActionResult, type FanActions } from './fans.js';
import { isTyping, listQrScenes, menuFor } from './platform-bridge.js';
import type { EmulatorState } from './state.js';

/** Files travel as base64 in JSON; WeChat's largest (video) is 10 MB, so 16 MB of base64 is enough. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

const file = z.object({
  data: z.string().min(1).max(MAX_BODY_BYTES),
  contentType: z.string().max(200).default('application/octet-stream'),
  filename: z.string().max(200).default('file'),
});
const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

const schemas = {
  fan: z.object({
    openid: z
      .string()
      .regex(/^[\w-]{6,64}$/, 'openid: 6-64 letters, digits, _ or -')
      .optional(),
    nickname: z.string().min(1).max(32).optional(),
    following: z.boolean().optional(),
    language: z.string().max(16).optional(),
  }),
  text: z.object({ content: z.string().min(1).max(2048), bizMsgMenuId: z.string().max(64).optional() }),
  file: z.object({ file }),
  video: z.object({ file, thumb: file.optional() }),
  location: z.object({
    latitude,
    longitude,
    scale: z.number().int().min(1).max(20).optional(),
    label: z.string().max(200).optional(),
  }),
  link: z.object({
    title: z.string().min(1).max(200),
    description: z.string().max(500).optional(),
    url: z.url(),
  }),
  menu: z
    .object({
      path: z.array(z.number().int().min(0).max(4)).min(1).max(2).optional(),
      key: z.string().min(1).max(128).optional(),
      scanResult: z.string().max(2048).optional(),
      scanType: z.string().max(32).optional(),
      photo: file.optional(),
      location: z
        .object({
          latitude,
          longitude,
          scale: z.number().int().optional(),
          label: z.string().max(200).optional(),
          poiname: z.string().max(200).optional(),
        })
        .optional(),
    })
    .refine((b) => (b.path === undefined) !== (b.key === undefined), 'give either path (indexes) or key'),
  scan: z.object({ ticket: z.string().min(1).max(512) }),
  report: z.object({ latitude, longitude, precision: z.number().min(0).optional() }),
  server: z.object({
    webhookUrl: z
      .union([
        z.url(),
        z.string().regex(/^\/\S*$/, 'a URL, or a path on the emulator such as /wx'),
        z.literal(''),
      ])
      .optional(),
    mode: z.enum(ENCRYPTION_MODES).optional(),
    name: z.string().min(1).max(32).optional(),
  }),
};

async function input<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown = {};
  const text = await c.req.text();
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new FanActionError(400, 'the body must be JSON');
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new FanActionError(
      400,
      parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  }
  return parsed.data;
}

/** What the page needs to draw: the account (with its development credentials), fans with their menus, QR tickets. */
function pageState(state: EmulatorState, origin: string): Record<string, unknown> {
  return {
    account: state.account,
    apiBase: origin,
    fans: [...state.fans.values()].map((fan) => ({
      ...fan,
      menu: menuFor(state, fan.openid) ?? null,
      typing: isTyping(state, fan.openid),
    })),
    qrTickets: listQrScenes(state),
  };
}

/**
 * The `/__emulator/…` routes of the fan side.
 *
 * @example
 * ```ts
 * app.route('/', fanRoutes(state, actions));
 * await app.request('/__emulator/fans/oWxmpDefaultFan000000000001/text', { method: 'POST', body: '{"content":"hi"}' });
 * ```
 */
export function fanRoutes(state: EmulatorState, actions: FanActions): Hono {
  const app = new Hono();
  app.use(
    '/__emulator/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: 'body too large (16 MB at most)' }, 413),
    }),
  );
  app.onError((err, c) => {
    if (err instanceof FanActionError) return c.json({ error: err.message }, err.status);
    throw err;
  });

  const act = (fn: (c: Context, openid: string) => Promise<ActionResult>) => async (c: Context) =>
    c.json(await fn(c, c.req.param('openid') ?? ''));

  app.get('/__emulator/page', (c) => c.json(pageState(state, new URL(c.req.url).origin)));
  app.patch('/__emulator/server', async (c) => {
    const body = await input(c, schemas.server);
    if (body.webhookUrl !== undefined)
      state.account.webhookUrl = body.webhookUrl === '' ? undefined : body.webhookUrl;
    if (body.mode !== undefined) state.account.mode = body.mode;
    if (body.name !== undefined) state.account.name = body.name;
    state.emit('change', 'account');
    return c.json({ account: state.account });
  });

  app.get('/__emulator/fans', (c) => c.json({ fans: [...state.fans.values()] }));
  app.post('/__emulator/fans', async (c) => c.json(createFan(state, await input(c, schemas.fan)), 201));
  app.get('/__emulator/fans/:openid/chat', (c) =>
    c.json({ entries: state.chats.get(c.req.param('openid')) ?? [] }),
  );
  app.get('/__emulator/fans/:openid/menu', (c) => {
    const fan = state.fans.get(c.req.param('openid'));
    if (!fan) throw new FanActionError(404, 'no such fan');
    return c.json({ menu: menuFor(state, fan.openid) ?? null });
  });

  app.post(
    '/__emulator/fans/:openid/text',
    act(async (c, id) => {
      const { content, bizMsgMenuId } = await input(c, schemas.text);
      return actions.text(id, content, { bizMsgMenuId });
    }),
  );
  app.post(
    '/__emulator/fans/:openid/image',
    act(async (c, id) => actions.image(id, (await input(c, schemas.file)).file)),
  );
  app.post(
    '/__emulator/fans/:openid/voice',
    act(async (c, id) => actions.voice(id, (await input(c, schemas.file)).file)),
  );
  app.post(
    '/__emulator/fans/:openid/video',
    act(async (c, id) => {
      const body = await input(c, schemas.video);
      return actions.video(id, body.file, body.thumb);
    }),
  );
  app.post(
    '/__emulator/fans/:openid/location',
    act(async (c, id) => actions.location(id, await input(c, schemas.location))),
  );
  app.post(
    '/__emulator/fans/:openid/link',
    act(async (c, id) => actions.link(id, await input(c, schemas.link))),
  );
  app.post(
    '/__emulator/fans/:openid/menu',
    act(async (c, id) => {
      const { path, key, ...rest } = await input(c, schemas.menu);
      return actions.menu(id, path ? { path } : { key: key! }, rest);
    }),
  );
  app.post(
    '/__emulator/fans/:openid/follow',
    act((_c, id) => actions.follow(id)),
  );
  app.post(
    '/__emulator/fans/:openid/unfollow',
    act((_c, id) => actions.unfollow(id)),
  );
  app.post(
    '/__emulator/fans/:openid/scan',
    act(async (c, id) => actions.scan(id, (await input(c, schemas.scan)).ticket)),
  );
  app.post(
    '/__emulator/fans/:openid/location-report',
    act(async (c, id) => actions.reportLocation(id, await input(c, schemas.report))),
  );

  app.get('/__emulator/pushes', (c) => c.json({ pushes: state.pushes }));
  app.get('/__emulator/pushes/:id', (c) => {
    const record = state.pushes.find((p) => p.id === c.req.param('id'));
    return record ? c.json(record) : c.json({ error: 'no such push (the last 500 are kept)' }, 404);
  });
  // Media files (/__emulator/media/:id) are served by the platform routes, which own the media store's format.
  return app;
}
