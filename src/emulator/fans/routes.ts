/**
 * The fan-action API under `/__emulator/fans/…`: what the phone page (and tests) call when the fan does something.
 * Inputs are checked in `route-input.ts`; the actions themselves live in `actions.ts`.
 * @module
 */
import { Hono, type Context } from 'hono';
import { menuForFan } from '../platform/menu.js';
import type { EmulatorState } from '../state.js';
import { FanActionError } from './action-error.js';
import type { ActionResult, FanActions } from './action-types.js';
import { createFan } from './create-fan.js';
import { answerFanActionError, FAN_INPUT, readInput } from './route-input.js';

type Action = (c: Context, openid: string) => Promise<ActionResult>;

/** Each action by its path under `/__emulator/fans/:openid/`. */
function actionsByPath(actions: FanActions): Record<string, Action> {
  return {
    text: async (c, id) => {
      const { content, bizMsgMenuId } = await readInput(c, FAN_INPUT.text);
      return actions.text(id, content, { bizMsgMenuId });
    },
    image: async (c, id) => actions.image(id, (await readInput(c, FAN_INPUT.file)).file),
    voice: async (c, id) => actions.voice(id, (await readInput(c, FAN_INPUT.file)).file),
    video: async (c, id) => {
      const body = await readInput(c, FAN_INPUT.video);
      return actions.video(id, body.file, body.thumb);
    },
    location: async (c, id) => actions.location(id, await readInput(c, FAN_INPUT.location)),
    link: async (c, id) => actions.link(id, await readInput(c, FAN_INPUT.link)),
    menu: async (c, id) => {
      const { path, key, ...rest } = await readInput(c, FAN_INPUT.menu);
      return actions.menu(id, path ? { path } : { key: key! }, rest);
    },
    follow: (_c, id) => actions.follow(id),
    unfollow: (_c, id) => actions.unfollow(id),
    scan: async (c, id) => actions.scan(id, (await readInput(c, FAN_INPUT.scan)).ticket),
    'location-report': async (c, id) => actions.reportLocation(id, await readInput(c, FAN_INPUT.report)),
  };
}

/**
 * The `/__emulator/fans…` routes: list and create fans, read a fan's chat and menu, and every fan action.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createPusher } from '../push.js';
 * import { createFanActions } from './actions.js';
 * const app = new Hono().route('/', fanRoutes(state, createFanActions(state, createPusher(state))));
 * await app.request('/__emulator/fans/oWxmpDefaultFan000000000001/text', { method: 'POST', body: '{"content":"hi"}' });
 * ```
 */
export function fanRoutes(state: EmulatorState, actions: FanActions): Hono {
  const app = new Hono();
  app.onError(answerFanActionError);
  app.get('/__emulator/fans', (c) => c.json({ fans: [...state.fans.values()] }));
  app.post('/__emulator/fans', async (c) => c.json(createFan(state, await readInput(c, FAN_INPUT.fan)), 201));
  app.get('/__emulator/fans/:openid/chat', (c) =>
    c.json({ entries: state.chats.get(c.req.param('openid')) ?? [] }),
  );
  app.get('/__emulator/fans/:openid/menu', (c) => {
    const fan = state.fans.get(c.req.param('openid'));
    if (!fan) throw new FanActionError(404, 'no such fan');
    return c.json({ menu: menuForFan(state, fan.openid) ?? null });
  });
  for (const [path, action] of Object.entries(actionsByPath(actions))) {
    app.post(`/__emulator/fans/:openid/${path}`, async (c) =>
      c.json(await action(c, c.req.param('openid') ?? '')),
    );
  }
  return app;
}
