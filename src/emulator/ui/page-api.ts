/**
 * What the phone page and the developer panel read and change besides the fan's actions: the page snapshot, the
 * account's server settings (webhook URL, mode, name) and the push log.
 * @module
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { ENCRYPTION_MODES } from '../../crypto/mode.js';
import { answerFanActionError, readInput } from '../fans/route-input.js';
import { isTyping } from '../platform/custom-service/messages.js';
import { menuForFan } from '../platform/menu.js';
import { listQrTickets, qrScene } from '../platform/qrcode.js';
import type { EmulatorState } from '../state.js';
import type { FanMenu } from '../world.js';
import type { PageSnapshot } from './page-snapshot.js';

const serverSettings = z.object({
  webhookUrl: z
    .union([
      z.url(),
      z.string().regex(/^\/\S*$/, 'a URL, or a path on the emulator such as /wx'),
      z.literal(''),
    ])
    .optional(),
  mode: z.enum(ENCRYPTION_MODES).optional(),
  name: z.string().min(1).max(32).optional(),
});

/**
 * The page snapshot on a state; `origin` is where the page reached the emulator.
 *
 * @example
 * ```ts
 * pageSnapshot(state, 'http://127.0.0.1:3000').fans.map((f) => f.nickname);
 * ```
 */
export function pageSnapshot(state: EmulatorState, origin: string): PageSnapshot {
  return {
    account: state.account,
    apiBase: origin,
    fans: [...state.fans.values()].map((fan) => ({
      ...fan,
      menu: (menuForFan(state, fan.openid) as FanMenu | undefined) ?? null,
      typing: isTyping(state, fan.openid),
    })),
    qrTickets: listQrTickets(state).map(qrScene),
  };
}

/**
 * The routes: `GET /__emulator/page`, `PATCH /__emulator/server`, `GET /__emulator/pushes[/:id]`.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * new Hono().route('/', pageApiRoutes(state));
 * ```
 */
export function pageApiRoutes(state: EmulatorState): Hono {
  const app = new Hono();
  app.onError(answerFanActionError);
  app.get('/__emulator/page', (c) => c.json(pageSnapshot(state, new URL(c.req.url).origin)));
  app.patch('/__emulator/server', async (c) => {
    const body = await readInput(c, serverSettings);
    if (body.webhookUrl !== undefined)
      state.account.webhookUrl = body.webhookUrl === '' ? undefined : body.webhookUrl;
    if (body.mode !== undefined) state.account.mode = body.mode;
    if (body.name !== undefined) state.account.name = body.name;
    state.emit('change', 'account');
    return c.json({ account: state.account });
  });
  app.get('/__emulator/pushes', (c) => c.json({ pushes: state.pushes }));
  app.get('/__emulator/pushes/:id', (c) => {
    const record = state.pushes.find((p) => p.id === c.req.param('id'));
    return record ? c.json(record) : c.json({ error: 'no such push (the last 500 are kept)' }, 404);
  });
  return app;
}
