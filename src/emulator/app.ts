/**
 * The emulator in one Hono app: the phone page, the fan-action API, live events, the OAuth page and the platform
 * API, all on one shared state. `createEmulator` builds it without listening (tests call `app.request()`);
 * `serveEmulator` puts it on a port.
 * @module
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { Hono } from 'hono';
import { WeChatError } from '../errors.js';
import type { Webhook } from '../webhook/handler.js';
import { DEFAULT_ACCOUNT } from './defaults.js';
import { createFanActions, ensureDefaultFan, type FanActions } from './fans.js';
import { oauthRoutes } from './oauth-page.js';
import { pageRoutes } from './page.js';
import { platformRoutes, type PlatformOptions } from './platform/index.js';
import { createPusher, type Pusher } from './push.js';
import { fanRoutes } from './routes.js';
import { createSse } from './sse.js';
import { EmulatorState, type EmulatedAccount } from './state.js';

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

function loadState(state: EmulatorState, file: string): void {
  if (!existsSync(file)) return;
  try {
    state.load(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
  } catch (err) {
    throw new WeChatError('CONFIG_INVALID', `The state file ${file} cannot be read as the emulator's state`, {
      hint: 'Delete it (the emulator starts afresh), or pass --state with another file',
      cause: err,
    });
  }
}

/** Saves when the snapshot changed; returns what was written (or the unchanged previous text). */
function saveState(state: EmulatorState, file: string, previous: string): string {
  const text = JSON.stringify(state);
  if (text === previous) return text;
  // Write then rename, so a crash mid-write never leaves half a file.
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  return text;
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
  // A mounted webhook is the default target; an explicit webhookUrl wins.
  const account = resolveAccount({
    ...options.account,
    webhookUrl: options.account?.webhookUrl ?? options.webhook?.path,
  });
  const state = new EmulatorState({ account });
  if (options.stateFile) loadState(state, options.stateFile);
  if (options.defaultFan !== false) ensureDefaultFan(state);
  if (options.menu && !state.menu)
    state.menu = { button: [...options.menu.button], menuid: String(randomInt(100_000_000, 999_999_999)) };

  const emulator: Emulator = {} as Emulator;
  const origin = () => emulator.origin;
  const push = createPusher(state, { pushTimeoutMs: options.pushTimeoutMs, fetch: options.fetch, origin });
  const fans = createFanActions(state, push, { origin });
  const sse = createSse(state);

  const app = new Hono();
  const mounted = options.webhook;
  if (mounted) {
    app.all(mounted.path, async (c) => {
      const body = c.req.method === 'POST' ? new Uint8Array(await c.req.arrayBuffer()) : undefined;
      const res = await mounted.webhook.handle({ method: c.req.method, url: c.req.url, body });
      return new Response(res.body, { status: res.status, headers: res.headers });
    });
  }
  app.route('/', pageRoutes());
  app.route('/', sse.routes);
  app.route('/', fanRoutes(state, fans));
  app.route('/', oauthRoutes(state));
  app.route('/', platformRoutes(state, { ...options.platform, push }));

  let timer: NodeJS.Timeout | undefined;
  let written = '';
  const file = options.stateFile;
  if (file) {
    // Written once now: a file that cannot be written fails here, with the fix, not later inside a timer.
    try {
      written = saveState(state, file, written);
    } catch (err) {
      throw new WeChatError('CONFIG_INVALID', `The state file ${file} cannot be written`, {
        hint: 'Pass --state with a file in a folder that exists and that you may write to',
        cause: err,
      });
    }
  }
  const logger = options.platform?.logger;
  const scheduleSave = () => {
    if (!file || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      try {
        written = saveState(state, file, written);
      } catch (err) {
        // The folder went away or filled up: keep emulating, say so, try again on the next change.
        logger?.warn({ err, file }, 'emulator state could not be saved');
      }
    }, 500);
    timer.unref();
  };
  state.on('chat', scheduleSave);
  state.on('push', scheduleSave);
  state.on('change', scheduleSave);
  // The platform changes its storage (tokens, tickets, drafts) without events: look every few seconds.
  const sweep = file ? setInterval(scheduleSave, 5000).unref() : undefined;

  Object.assign(emulator, {
    app,
    state,
    push,
    fans,
    origin: undefined,
    close: () => {
      sse.closeAll();
      if (timer) clearTimeout(timer);
      if (sweep) clearInterval(sweep);
      timer = undefined;
      if (file) written = saveState(state, file, written);
      return Promise.resolve();
    },
  } satisfies Emulator);
  return emulator;
}
