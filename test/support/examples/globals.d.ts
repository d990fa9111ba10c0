// The variables TSDoc examples take as given, so an example can read `await client.menu.get()` without first
// building a client. Keep this list short: an example that needs anything else declares it.
import type { WeChatClient } from '../../../src/api/client.js';
import type { EmulatorState } from '../../../src/emulator/state.js';
import type { Logger } from '../../../src/logger.js';
import type { Webhook } from '../../../src/webhook/handler.js';
import type { Router } from '../../../src/webhook/router.js';

declare global {
  const client: WeChatClient;
  const bot: Router;
  const webhook: Webhook;
  const logger: Logger;
  /** The emulator's world: the first parameter of every platform handler and store (`createEmulator().state`). */
  const state: EmulatorState;
}
