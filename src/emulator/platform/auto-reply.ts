/**
 * The automatic replies set in the web console (slot `autoReply`), as get_current_autoreply_info reports them. The
 * emulated console has none until the test control `PUT /__emulator/autoreply` sets them; like WeChat with a
 * server configured, the emulator never sends them (the webhook answers instead).
 * @module
 */
import type { AutoReplyInfo } from '../../api/types/autoreply.js';
import type { EmulatorState } from '../state.js';
import type { Handlers } from './core/handler.js';

/**
 * The console's automatic replies, nothing switched on by default.
 *
 * @example
 * ```ts
 * autoReplySettings(state).is_autoreply_open; // 0
 * ```
 */
export function autoReplySettings(state: EmulatorState): AutoReplyInfo {
  return state.slot<AutoReplyInfo>('autoReply', () => ({
    is_add_friend_reply_open: 0,
    is_autoreply_open: 0,
  }));
}

/**
 * Replaces the console's automatic replies (the test control).
 *
 * @example
 * ```ts
 * setAutoReplySettings(state, { is_add_friend_reply_open: 1, is_autoreply_open: 0, add_friend_autoreply_info: { type: 'text', content: '欢迎' } });
 * ```
 */
export function setAutoReplySettings(state: EmulatorState, settings: AutoReplyInfo): void {
  state.platform['autoReply'] = settings;
  state.markModified();
}

/**
 * The handler of get_current_autoreply_info.
 *
 * @example
 * ```ts
 * const routes = endpointRoutes(state, options, autoReplyHandlers);
 * ```
 */
export const autoReplyHandlers: Handlers = {
  'autoReply.getCurrent': ({ state }) => autoReplySettings(state),
};
