/**
 * The fan's side: what a WeChat user can do in the chat with the account, each turned into the push WeChat would
 * send (and into the fan's own chat bubble where WeChat shows one). The parts live in `fans/`: creating fans,
 * messages, menu taps, follow events, and the context they share; this file puts the actions together.
 * @module
 */
import type { Pusher } from '../push.js';
import type { EmulatorState } from '../state.js';
import type { FanActions } from './action-types.js';
import { articleActions } from './article-actions.js';
import { fanActionContext } from './context.js';
import { followEventActions } from './follow-events.js';
import { menuTap } from './menu-tap.js';
import { messageActions } from './messages.js';
import { subscriptionActions } from './subscribe-actions.js';

/**
 * Creates the fan actions on a state and a pusher.
 *
 * @example
 * ```ts
 * import { createPusher } from '../push.js';
 * const fans = createFanActions(state, createPusher(state));
 * const { pushes } = await fans.text('oWxmpDefaultFan000000000001', 'hello');
 * pushes[0]?.entries[0]?.payload; // { content: 'hello' } from an echo bot
 * ```
 */
export function createFanActions(
  state: EmulatorState,
  push: Pusher,
  options: { origin?: () => string | undefined } = {},
): FanActions {
  const context = fanActionContext(state, push, options);
  return {
    ...messageActions(context),
    menu: menuTap(context),
    ...followEventActions(context),
    ...subscriptionActions(context),
    ...articleActions(context),
  };
}
