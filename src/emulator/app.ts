/**
 * The emulator in one Hono app: the phone page, the fan-action API, live events, the OAuth and subscription
 * consent pages and the platform API, all on one shared state. `createEmulator` builds it without listening (tests
 * call `app.request()`); `serveEmulator` puts it on a port.
 * @module
 */
import { randomInt } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { readRequestBody } from '../webhook/adapters/fetch.js';
import type { Webhook } from '../webhook/handler.js';
import { tooLarge } from '../webhook/http.js';
import { DEFAULT_ACCOUNT } from './defaults.js';
import type { FanActions } from './fans/action-types.js';
import { createFanActions } from './fans/actions.js';
import { ensureDefaultFan } from './fans/create-fan.js';
import { oauthRoutes } from './fans/oauth-page.js';
import { MAX_BODY_BYTES } from './fans/route-input.js';
import { fanRoutes } from './fans/routes.js';
import { subscribePageRoutes } from './fans/subscribe-page.js';
import type { PlatformOptions } from './platform/core/handler.js';
import { platformRoutes } from './platform/routes.js';
import { createPusher, type PushOptions, type Pusher } from './push.js';
import { createSse, type SseHub } from './sse.js';
import { loadStateFile, saveStateOnChange } from './state-file.js';
import { EmulatorState } from './state.js';
import { pageApiRoutes } from './ui/page-api.js';
import { pageRoutes } from './ui/page.js';
import type { EmulatedAccount } from './world.js';

/** Account fields to set; undefined ones keep their default. */
export type AccountOverrides = { [K in keyof EmulatedAccount]?: EmulatedAccount[K] | undefined };

/** Settings of an emulator; everything has a development default. */
export interface EmulatorOptions {
  /** The emulated account; unset fields come from `DEFAULT_ACCOUNT`. `webhookUrl` may be a path on the emulator (`/wx`). */
  account?: AccountOverrides | undefined;
  /** A menu to start with (when the state has none), e.g. `EXAMPLE_MENU`. */
  menu?: { button: readonly unknown[] } | undefined;
  /** Per-attempt push timeout, default 5000 ms (WeChat's); shorten it in tests. */
  pushTimeoutMs?: number | undefined;
  /** The push's clock and per-attempt timer (default real), so tests of timeouts and retries wait no real seconds. */
  pushClock?: Pick<PushOptions, 'now' | 'setTimer'> | undefined;
  /** Used for pushes; default the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** Load the world from this JSON file at start and save it there on changes and at close. */
  stateFile?: string | undefined;
  /** Create the default fan (following) when there is none; default true. */
  defaultFan?: boolean | undefined;
  /** A webhook served by the emulator itself at `path` (`wxmp dev` mounts the example bot at `/wx`). */
  webhook?: { path: string; webhook: Webhook } | undefined;
  /** Settings of the platform API (job-finish delay, fault hold time, logger). */
  platform?: Omit<PlatformOptions, 'push'> | undefined;
}

/** A running emulator's parts. */
export interface Emulator {
  /** The Hono app: `app.request()` in tests, or serve it (see `serveEmulator`). */
  app: Hono;
  state: EmulatorState;
  /** Pushes any message XML to the developer's webhook, as WeChat would. */
  push: Pusher;
  /** Everything a fan can do, as functions (the same the page calls over HTTP). */
  fans: FanActions;
  /** Where the emulator is reachable (`http://127.0.0.1:3000`), once it listens. */
  origin: string | undefined;
  /** Ends live streams and saves the state file. */
  close: () => Promise<void>;
}

/**
 * The account settings: `DEFAULT_ACCOUNT` with the given (defined) fields on top.
 *
 * @example
 * ```ts
 * resolveAccount({ mode: 'safe' }).token; // 'wxmpdev'
 * ```
 */
export function resolveAccount(overrides: AccountOverrides = {}): EmulatedAccount {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_ACCOUNT, webhookUrl: undefined, ...defined };
}

/** The world at start: the state file's, else the default fan (unless asked not to) and the starting menu. */
function startingState(options: EmulatorOptions): EmulatorState {
  // A mounted webhook is the default target; an explicit webhookUrl wins.
  const account = resolveAccount({
    ...options.account,
    webhookUrl: options.account?.webhookUrl ?? options.webhook?.path,
  });
  const state = new EmulatorState({ account });
  if (options.stateFile) loadStateFile(state, options.stateFile);
  if (options.defaultFan !== false) ensureDefaultFan(state);
  if (options.menu && !state.menu)
    state.menu = { button: [...options.menu.button], menuid: String(randomInt(100_000_000, 999_999_999)) };
  return state;
}

/** Serves a webhook on the emulator's own port (`wxmp dev` mounts the example bot at `/wx`), within its body limit. */
function mountWebhook(app: Hono, mounted: { path: string; webhook: Webhook }): void {
  const { webhook } = mounted;
  app.all(mounted.path, async (c) => {
    const method = c.req.method;
    const body = method === 'POST' ? await readRequestBody(c.req.raw, webhook.maxBodyBytes) : undefined;
    const res =
      method === 'POST' && body === undefined
        ? tooLarge(webhook.maxBodyBytes)
        : await webhook.handle({ method, url: c.req.url, body });
    return new Response(res.body, { status: res.status, headers: res.headers });
  });
}

/** Everything the emulator serves, in the order it is matched. */
function emulatorApp(
  options: EmulatorOptions,
  parts: { state: EmulatorState; push: Pusher; fans: FanActions; sse: SseHub },
): Hono {
  const { state, push, fans, sse } = parts;
  const app = new Hono();
  if (options.webhook) mountWebhook(app, options.webhook);
  // Every body is read within a limit, chunked or not (the platform API's uploads, the page's calls, OAuth forms).
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: 'body too large (16 MB at most)' }, 413, { connection: 'close' }),
    }),
  );
  app.route('/', pageRoutes());
  app.route('/', sse.routes);
  app.route('/', pageApiRoutes(state));
  app.route('/', fanRoutes(state, fans));
  app.route('/', oauthRoutes(state));
  app.route('/', subscribePageRoutes(state));
  app.route('/', platformRoutes(state, { ...options.platform, push }));
  return app;
}

/**
 * Creates an emulator (not listening).
 *
 * @example
 * ```ts
 * const emulator = createEmulator({ account: { webhookUrl: 'http://127.0.0.1:3000/wx' }, pushTimeoutMs: 500 });
 * const res = await emulator.app.request('/__emulator/fans');
 * await emulator.fans.text('oWxmpDefaultFan000000000001', 'hello');
 * ```
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const state = startingState(options);
  // Written once now: a file that cannot be written fails here, with the fix, not later inside a timer.
  const saver = options.stateFile
    ? saveStateOnChange(state, options.stateFile, { logger: options.platform?.logger })
    : undefined;
  const emulator = { origin: undefined } as Emulator;
  const origin = () => emulator.origin;
  const push = createPusher(state, {
    ...options.pushClock,
    pushTimeoutMs: options.pushTimeoutMs,
    fetch: options.fetch,
    origin,
  });
  const fans = createFanActions(state, push, { origin });
  const sse = createSse(state);
  const close = () => {
    sse.closeAll();
    saver?.close();
    return Promise.resolve();
  };
  return Object.assign(emulator, {
    app: emulatorApp(options, { state, push, fans, sse }),
    state,
    push,
    fans,
    close,
  });
}
