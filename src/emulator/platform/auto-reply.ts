/**
 * The automatic replies set in the web console (slot `autoReply`), as get_current_autoreply_info reports them. The
 * emulated console has none until the test control `PUT /__emulator/autoreply` sets them; like WeChat with a
 * server configured, the emulator never sends them (the webhook answers instead).
 * @module
 */
import { z } from 'zod';
import type { AutoReplyInfo } from '../../api/types/autoreply.js';
import type { EmulatorState } from '../state.js';
import type { Handlers } from './core/handler.js';

const reply = z.object({ type: z.string().min(1).max(16), content: z.string().max(2048) }).strict();
const keywordRule = z
  .object({
    rule_name: z.string().min(1).max(60),
    create_time: z.number().int().min(0),
    reply_mode: z.enum(['reply_all', 'random_one']),
    keyword_list_info: z.array(
      z.object({ type: z.literal('text'), match_mode: z.enum(['contain', 'equal']), content: z.string() }),
    ),
    reply_list_info: z.array(reply),
  })
  .strict();

/**
 * What the test control `PUT /__emulator/autoreply` takes: WeChat's answer of get_current_autoreply_info.
 *
 * @example
 * ```ts
 * const settings = AUTO_REPLY_INPUT.parse({ is_add_friend_reply_open: 1, is_autoreply_open: 0 });
 * console.log(settings.is_add_friend_reply_open); // 1
 * ```
 */
export const AUTO_REPLY_INPUT = z
  .object({
    is_add_friend_reply_open: z.union([z.literal(0), z.literal(1)]),
    is_autoreply_open: z.union([z.literal(0), z.literal(1)]),
    add_friend_autoreply_info: reply.optional(),
    message_default_autoreply_info: reply.optional(),
    keyword_autoreply_info: z
      .object({ list: z.array(keywordRule).max(200) })
      .strict()
      .optional(),
  })
  .strict();

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
 * Object.keys(autoReplyHandlers); // ['autoReply.getCurrent']
 * ```
 */
export const autoReplyHandlers: Handlers = {
  'autoReply.getCurrent': ({ state }) => autoReplySettings(state),
};
