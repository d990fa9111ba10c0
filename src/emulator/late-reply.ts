/**
 * Late replies inside the emulator (`wxmp dev`): a reply that missed the reply budget goes to the fan as a
 * customer-service message through the emulator's own platform API, as `wxmp serve` sends it through WeChat's.
 * @module
 */
import { createApiClient } from '../api/client.js';
import { WeChatError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import type { Message } from '../messages/types.js';
import type { Reply } from '../replies/types.js';
import { lateReplyViaCustomerService, typingViaCustomerService } from '../services/late-reply.js';
import { createTokenManager, type TokenManager } from '../token/manager.js';
import type { Emulator } from './app.js';

/**
 * Late-reply delivery aimed at an emulator: give `lateReply` to `createWebhook`, `connect` the emulator once it
 * exists, `close` when done.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * import { createEmulator, serveEmulator } from './index.js';
 * const late = emulatorLateReply();
 * const webhook = createWebhook(bot, { token: 'wxmpdev', lateReply: late.lateReply });
 * const emulator = createEmulator({ webhook: { path: '/wx', webhook } });
 * late.connect(emulator);
 * await serveEmulator(emulator);
 * ```
 */
export interface EmulatorLateReply {
  /** For `createWebhook({ lateReply })`. */
  lateReply: (message: Message, reply: Reply) => Promise<void>;
  /** For `createWebhook({ typing })`: "对方正在输入…" on the phone while a late answer is worked on. */
  typing: (openid: string) => Promise<void>;
  /** The emulator to send through: its account gives the credentials, its origin (once it listens) the API base. */
  connect(emulator: Emulator): void;
  /** Stops the token manager, if a late reply started one. */
  close(): Promise<void>;
}

/**
 * Creates late-reply delivery through an emulator's customer-service API. The webhook is built before the emulator
 * it is mounted in, and the origin is known only once the emulator listens, so the token manager and the API
 * client are made on the first late reply.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * const late = emulatorLateReply({ logger });
 * createWebhook(bot, { token: 'wxmpdev', lateReply: late.lateReply, replyBudgetMs: 4500 });
 * ```
 */
export function emulatorLateReply(options: { logger?: Logger | undefined } = {}): EmulatorLateReply {
  const logger = options.logger ?? silentLogger;
  let emulator: Emulator | undefined;
  let wired:
    | { tokens: TokenManager; deliver: EmulatorLateReply['lateReply']; typing: EmulatorLateReply['typing'] }
    | undefined;

  const wire = (): NonNullable<typeof wired> => {
    const apiBase = emulator?.origin;
    if (emulator === undefined || apiBase === undefined) {
      throw new WeChatError('CONFIG_INVALID', 'A late reply came before the emulator was listening', {
        hint: 'Call connect(emulator) and serveEmulator(emulator) before fans send messages',
      });
    }
    const { appId, appSecret } = emulator.state.account;
    // A memory store: dev runs without Redis, and the emulator keeps its own tokens.
    const tokens = createTokenManager({ appId, appSecret, apiBase, logger });
    const client = createApiClient({ tokenProvider: tokens, apiBase, logger });
    return {
      tokens,
      deliver: lateReplyViaCustomerService(client, logger),
      typing: typingViaCustomerService(client),
    };
  };

  return {
    lateReply: async (message, reply) => {
      wired ??= wire();
      await wired.deliver(message, reply);
    },
    typing: async (openid) => {
      wired ??= wire();
      await wired.typing(openid);
    },
    connect(target) {
      emulator = target;
    },
    async close() {
      await wired?.tokens.close();
    },
  };
}
