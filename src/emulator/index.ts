/**
 * `wxmp/emulator`: WeChat's platform and a fan's phone in one process. `createEmulator` builds it (a Hono app on a
 * shared state), `serveEmulator` listens, `startDev` is `wxmp dev`; for tests see `startEmulator` in `wxmp/testing`.
 *
 * The exports are named one by one (`test/unit/public-surface.test.ts` holds the list); the platform's endpoint
 * handlers, the pusher and the fan actions' parts stay inside (an emulator's `push` and `fans` expose them).
 *
 * @example
 * ```ts
 * import { createEmulator, serveEmulator } from 'wxmp/emulator';
 * const emulator = createEmulator({ account: { webhookUrl: 'http://127.0.0.1:3000/wx', mode: 'safe' } });
 * const { url } = await serveEmulator(emulator, { port: 3001 });
 * ```
 * @module
 */

// The emulator: build it, serve it, or run `wxmp dev` in code.
export { createEmulator, type AccountOverrides, type Emulator, type EmulatorOptions } from './app.js';
export type { PlatformOptions } from './platform/core/handler.js';
export { serveEmulator, type ServedEmulator } from './serve.js';
export { startDev, type DevOptions, type DevServer } from './dev.js';
export { DEFAULT_ACCOUNT } from './defaults.js';

// Pushes to the developer's webhook, as WeChat makes them (`emulator.push`).
export { DEFAULT_PUSH_TIMEOUT_MS, type Pusher, type PushOptions, type PushTimer } from './push.js';
export { SERVICE_UNAVAILABLE_NOTICE } from './push-reply.js';

// Late replies of a webhook the emulator serves, delivered through its customer-service API.
export { emulatorLateReply, type EmulatorLateReply } from './late-reply.js';

// Fans: what a fan does (`emulator.fans`), and fans beyond the default one.
export { createFan, DEFAULT_FAN } from './fans/create-fan.js';
export { FanActionError } from './fans/action-error.js';
export type {
  ActionResult,
  ArticleRef,
  FanActions,
  FanArticle,
  FanFile,
  FanLink,
  FanPlace,
  FanPosition,
  FanSubscription,
  MenuInput,
  MenuTarget,
  OneTimeConsent,
  SubscribeChoice,
} from './fans/action-types.js';

// The world: the state an emulator keeps (`emulator.state`), its chats and its push records.
export { EmulatorState } from './state.js';
export type { ChatContent, ChatEntry, ChatMsgType, ChatVia } from './chat-entry.js';
export type { EmulatedAccount, Fan, PushOutcome, PushRecord, StoredMedia } from './world.js';
