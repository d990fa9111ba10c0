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
import { articlesForFan } from './article-actions.js';
import { createFan } from './create-fan.js';
import { answerFanActionError, FAN_INPUT, readInput } from './route-input.js';
import { subscriptionsForFan } from './subscribe-actions.js';

type Action = (c: Context, openid: string) => Promise<ActionResult>;

/** The subscription actions by path: the popup, turning one off, the one-time page's answer. */
function subscriptionRoutes(actions: FanActions): Record<string, Action> {
  return {
    'subscribe-popup': async (c, id) => {
      const { scene, templates } = await readInput(c, FAN_INPUT.subscribePopup);
      const choices = templates.map((t) => ({ templateId: t.template_id, accept: t.accept }));
      return actions.subscribePopup(id, choices, scene);
    },
    'subscribe-reject': async (c, id) =>
      actions.rejectSubscription(id, (await readInput(c, FAN_INPUT.subscribeReject)).template_id),
    'subscribe-once': async (c, id) => {
      const input = await readInput(c, FAN_INPUT.subscribeOnce);
      const consent = {
        templateId: input.template_id,
        scene: input.scene,
        redirectUrl: input.redirect_url,
        reserved: input.reserved,
        action: input.action,
      };
      return actions.subscribeOnce(id, consent);
    },
  };
}

/** The article actions by path: read, share, comment, take a comment back. */
function articleRoutes(actions: FanActions): Record<string, Action> {
  const ref = (input: { msg_data_id: string; index: number }) => ({
    msgDataId: input.msg_data_id,
    index: input.index,
  });
  return {
    'article-read': async (c, id) => actions.readArticle(id, ref(await readInput(c, FAN_INPUT.article))),
    'article-share': async (c, id) => actions.shareArticle(id, ref(await readInput(c, FAN_INPUT.article))),
    comment: async (c, id) => {
      const input = await readInput(c, FAN_INPUT.comment);
      return actions.comment(id, ref(input), input.content);
    },
    'comment-delete': async (c, id) => {
      const input = await readInput(c, FAN_INPUT.commentDelete);
      return actions.deleteComment(id, ref(input), input.user_comment_id);
    },
  };
}

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
    ...subscriptionRoutes(actions),
    ...articleRoutes(actions),
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
  app.get('/__emulator/fans/:openid/articles', (c) =>
    c.json({ articles: articlesForFan(state, c.req.param('openid')) }),
  );
  app.get('/__emulator/fans/:openid/subscriptions', (c) =>
    c.json({ subscriptions: subscriptionsForFan(state, c.req.param('openid')) }),
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
