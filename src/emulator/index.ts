/**
 * The emulator: WeChat's platform and a fan's phone in one process. `createEmulator` builds it (a Hono app on a
 * shared state), `serveEmulator` listens, `startDev` is `wxmp dev`; for tests see `startEmulator` in `wxmp/testing`.
 *
 * @example
 * ```ts
 * import { createEmulator, serveEmulator } from 'wxmp/emulator';
 * const emulator = createEmulator({ account: { webhookUrl: 'http://127.0.0.1:3000/wx', mode: 'safe' } });
 * const { url } = await serveEmulator(emulator, { port: 3001 });
 * ```
 * @module
 */
export {
  createEmulator,
  resolveAccount,
  type AccountOverrides,
  type Emulator,
  type EmulatorOptions,
} from './app.js';
export { serveEmulator, type ServedEmulator } from './serve.js';
export { startDev, DEV_BOT_PATH, type DevOptions, type DevServer } from './dev.js';
export { emulatorLateReply, type EmulatorLateReply } from './late-reply.js';
export {
  createPusher,
  DEFAULT_PUSH_TIMEOUT_MS,
  PUSH_ATTEMPTS,
  type Pusher,
  type PushOptions,
  type PushTimer,
} from './push.js';
export { SERVICE_UNAVAILABLE_NOTICE } from './push-reply.js';
export { createFanActions } from './fans/actions.js';
export { createFan, DEFAULT_FAN } from './fans/create-fan.js';
export { FanActionError } from './fans/action-error.js';
export type {
  ActionResult,
  FanActions,
  FanFile,
  FanLink,
  FanPlace,
  FanPosition,
  MenuInput,
  MenuTarget,
} from './fans/action-types.js';
export { DEFAULT_ACCOUNT, DEFAULT_DEV_PORT } from './defaults.js';
export { EmulatorState } from './state.js';
export type { ChatContent, ChatEntry, ChatMsgType, ChatVia } from './chat-entry.js';
export type { EmulatedAccount, Fan, PushOutcome, PushRecord, StoredMedia } from './world.js';
