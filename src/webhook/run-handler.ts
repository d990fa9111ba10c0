/**
 * Starting a push's handler, one way for the plain path (`dispatch.ts`) and the slow-handler strategies
 * (`slow/handler-side.ts`): a context, the run counted, the middleware called; a handler that throws is logged and
 * answered `success` (WeChat would only retry into the same failure).
 * @module
 */
import { dedupKey } from '../messages/parse.js';
import type { Message } from '../messages/types.js';
import type { Reply } from '../replies/types.js';
import { HandlerContext } from './handler-context.js';
import type { MaybePromise } from './maybe-promise.js';
import type { Inbound } from './receive.js';
import type { HandlerResult } from './router.js';
import type { WebhookSettings } from './settings.js';

/**
 * The `next` of the last middleware: nothing further answers.
 *
 * @example
 * ```ts
 * await END_OF_CHAIN(); // undefined
 * ```
 */
export const END_OF_CHAIN = (): Promise<HandlerResult> => Promise.resolve(undefined);

/**
 * Runs the middleware on a push: its context and what it returned (at once, or a promise), or `undefined` when it
 * threw (already logged: answer with {@link answerFailure}'s `success`).
 *
 * @example
 * ```ts
 * import { Router, parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * import { resolveSettings } from './settings.js';
 * const bot = new Router();
 * bot.on('text', (ctx) => ctx.message.content);
 * const settings = resolveSettings(bot, { token: 'AAAAA' });
 * const message = parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi'));
 * startHandler(settings, { message, mode: 'plain', keyIndex: undefined })?.result; // 'hi'
 * ```
 */
export function startHandler(
  settings: WebhookSettings,
  inbound: Inbound,
): { ctx: HandlerContext; result: MaybePromise<HandlerResult> } | undefined {
  const ctx = new HandlerContext(inbound.message, inbound.mode, settings.logger);
  settings.observer.onHandlerRun();
  try {
    return { ctx, result: settings.middleware(ctx, END_OF_CHAIN) };
  } catch (err) {
    answerFailure(settings, err, inbound.message);
    return undefined;
  }
}

/**
 * Logs a handler's failure and answers `success`, so WeChat does not retry into a broken handler.
 *
 * @example
 * ```ts
 * import { Router, parseMessage } from 'wxmp';
 * import { inbound } from 'wxmp/push';
 * import { resolveSettings } from './settings.js';
 * const settings = resolveSettings(new Router(), { token: 'AAAAA' });
 * const message = parseMessage(inbound.text({ from: 'oFan', to: 'gh_account' }, 'hi'));
 * answerFailure(settings, new Error('database down'), message); // { type: 'success' }
 * ```
 */
export function answerFailure(settings: WebhookSettings, err: unknown, message: Message): Reply {
  settings.logger.error(
    { err, key: dedupKey(message), msgType: message.type },
    'handler threw; answered success',
  );
  return { type: 'success' };
}
