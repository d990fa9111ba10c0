/**
 * The context a handler receives.
 * @module
 */
import type { EncryptionMode } from '../crypto/mode.js';
import type { Logger } from '../logger.js';
import type { Message } from '../messages/types.js';

/**
 * Everything a handler knows about one push. `M` narrows as routes are registered.
 *
 * @example
 * ```ts
 * bot.on('event.subscribe', (ctx) => `欢迎! scene=${ctx.message.scene ?? 'none'}`);
 * ```
 */
export interface Context<M extends Message = Message> {
  /** The parsed message. */
  readonly message: M;
  /** The fan's openid (the message's FromUserName). */
  readonly openid: string;
  /** How the push arrived; safe-mode replies are encrypted automatically. */
  readonly mode: EncryptionMode;
  /**
   * With `slow: []`, aborted when the reply budget runs out (the webhook has answered `success`, any reply goes to
   * `lateReply`). With the slow-handler strategies the answer is still wanted past the budget: never aborted.
   */
  readonly signal: AbortSignal;
  /** Request-scoped storage for middleware. */
  readonly state: Record<string, unknown>;
  /** The webhook's logger. */
  readonly logger: Logger;
}
