/**
 * WeChat for tests: the emulator (`createEmulator`) called in-process through its Hono app, with its test controls
 * (faults, clock, call statistics) and, for tests whose subject is the exact request a client sends, a recording of
 * every request that went through {@link EmulatedWeChat.fetch} (or the port of {@link EmulatedWeChat.listen}).
 * The emulator answers as WeChat does; nothing here plays WeChat itself.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { endpoints } from '../../src/api/endpoints.js';
import type { EndpointName } from '../../src/api/endpoint-types.js';
import {
  createEmulator,
  createFan,
  type AccountOverrides,
  type Emulator,
  type EmulatorState,
} from '../../src/emulator/index.js';
import type { Fault } from '../../src/emulator/platform/core/faults.js';
import { recordRequest, type RecordedRequest } from './recorded-request.js';

export type { RecordedRequest } from './recorded-request.js';

/** Where in-process clients send their calls; a call that missed the in-process `fetch` fails to resolve it. */
export const EMULATOR_BASE = 'http://wechat-emulator.test';

/** The emulator's clock, as the token managers under test read it. */
export interface EmulatorClock {
  /** The emulator's time in ms. */
  now: () => number;
  /** Moves the emulator's clock forward, as `POST /__emulator/clock` does. */
  advance(ms: number): void;
  /** The emulator's time; setting it moves the clock (forward) to that moment. */
  t: number;
}

/** An emulator and its controls, for one test. */
export interface EmulatedWeChat {
  emulator: Emulator;
  state: EmulatorState;
  appId: string;
  appSecret: string;
  /** A `fetch` that hands any URL's path to the emulator in-process (no socket), honouring abort signals. */
  fetch: typeof fetch;
  /** Every request that reached the emulator through `fetch` or `listen`, oldest first. */
  requests: RecordedRequest[];
  /** The recorded requests of one endpoint of the table. */
  requestsOf(name: EndpointName): RecordedRequest[];
  /** How often the emulator was called at the endpoint's path (`GET /__emulator/stats`), faults included. */
  calls(name: EndpointName): Promise<number>;
  /** Injects a fault (`POST /__emulator/faults`); `path` defaults to the endpoint's. */
  fault(name: EndpointName, fault: Omit<Fault, 'path'>): Promise<void>;
  clock: EmulatorClock;
  /** Adds following fans with these openids. */
  addFans(...openids: string[]): void;
  /** The fan consents on the emulator's authorize page; resolves the OAuth code WeChat redirects with. */
  consent(openid: string, scope?: 'snsapi_base' | 'snsapi_userinfo'): Promise<string>;
  /** Whether WeChat accepts `token` for an API call now (no 40001 / 42001). */
  accepts(token: string): Promise<boolean>;
  /** Another process calls /cgi-bin/token, and 5 minutes pass: every classic token issued before is superseded. */
  supersedeClassicTokens(): Promise<void>;
  /** Another process force-refreshes the stable token: the current one is retired at once (40001). */
  forceStableRefresh(): Promise<string>;
  /** Serves the emulator on 127.0.0.1 (port 0), recording like `fetch`; for clients that need a real socket. */
  listen(): Promise<{ url: string; close: () => Promise<void> }>;
  close(): Promise<void>;
}

/** Settings of {@link createEmulatedWeChat}. */
export interface EmulatedWeChatOptions {
  account?: AccountOverrides;
  /** A clock that moves only when the test moves it, starting here (ms); default the real clock. */
  frozenAt?: number;
}

function emulatorClock(state: EmulatorState, frozenAt: number | undefined): EmulatorClock {
  if (frozenAt !== undefined) state.now = () => frozenAt + state.clockOffsetMs;
  return {
    now: () => state.now(),
    advance: (ms) => {
      state.clockOffsetMs += ms;
    },
    get t() {
      return state.now();
    },
    set t(value: number) {
      state.clockOffsetMs += Math.max(0, value - state.now());
    },
  };
}

/** Settles like `promise`, or rejects with the signal's reason once it aborts, as a real fetch does. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * Creates an emulator with the development account and a following default fan, for one test. Asynchronous jobs
 * (mass sends, publishing) finish at once rather than after WeChat's delay.
 *
 * @example
 * ```ts
 * const wechat = createEmulatedWeChat({ frozenAt: 1_700_000_000_000 });
 * const manager = createTokenManager({ appId: wechat.appId, appSecret: wechat.appSecret, fetch: wechat.fetch });
 * await wechat.fault('token.stable', { errcode: -1, times: 1 });
 * ```
 */
export function createEmulatedWeChat(options: EmulatedWeChatOptions = {}): EmulatedWeChat {
  // Jobs (mass and template sends, publishing) finish at once; tests wait for them with vi.waitFor.
  const emulator = createEmulator({ account: options.account ?? {}, platform: { jobFinishDelayMs: 0 } });
  const { app, state } = emulator;
  const requests: RecordedRequest[] = [];
  const clock = emulatorClock(state, options.frozenAt);

  async function dispatch(request: Request): Promise<Response> {
    const recorded = await recordRequest(request, clock.now());
    requests.push(recorded);
    const response = await untilAborted(Promise.resolve(app.fetch(request)), request.signal);
    await recorded.readAnswer(response);
    return response;
  }

  async function control(path: string, body?: unknown): Promise<Record<string, unknown>> {
    const init = body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) };
    const res = await app.request(path, { ...init, headers: { 'content-type': 'application/json' } });
    const answer = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200) throw new Error(`${path}: ${JSON.stringify(answer)}`);
    return answer;
  }

  /** An API call of "another process": straight to the app, not recorded. */
  async function call(path: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
    return (await (await app.request(path, init)).json()) as Record<string, unknown>;
  }
  const { appId, appSecret } = state.account;

  return {
    emulator,
    state,
    appId,
    appSecret,
    fetch: (input, init) => dispatch(new Request(input, init)),
    requests,
    requestsOf: (name) => requests.filter((r) => r.name === name),
    calls: async (name) => {
      const { calls } = (await control('/__emulator/stats')) as { calls: Record<string, number> };
      return calls[endpoints[name].path] ?? 0;
    },
    fault: async (name, fault) =>
      void (await control('/__emulator/faults', { path: endpoints[name].path, ...fault })),
    clock,
    addFans: (...openids) => openids.forEach((openid) => createFan(state, { openid, following: true })),
    consent: async (openid, scope = 'snsapi_userinfo') => {
      const form = new URLSearchParams({
        appid: appId,
        redirect_uri: 'https://app.example.com/callback',
        response_type: 'code',
        scope,
        state: 's',
        fan: openid,
        decision: 'allow',
      });
      const res = await app.request('/connect/oauth2/authorize/confirm', { method: 'POST', body: form });
      const code = new URL(res.headers.get('location') ?? '', EMULATOR_BASE).searchParams.get('code');
      if (!code) throw new Error(`no OAuth code for ${openid}: ${res.status} ${await res.text()}`);
      return code;
    },
    accepts: async (token) => {
      const answer = await call(`/cgi-bin/getcallbackip?access_token=${encodeURIComponent(token)}`);
      return answer['errcode'] === undefined;
    },
    supersedeClassicTokens: async () => {
      await call(`/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${appSecret}`);
      clock.advance(5 * 60_000 + 1000);
    },
    forceStableRefresh: async () => {
      const body = { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: true };
      const answer = await call('/cgi-bin/stable_token', { method: 'POST', body: JSON.stringify(body) });
      return String(answer['access_token']);
    },
    listen: () =>
      new Promise((resolve) => {
        const server = serve({ fetch: dispatch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
          emulator.origin = `http://127.0.0.1:${info.port}`;
          resolve({
            url: emulator.origin,
            close: () =>
              new Promise<void>((done) => {
                if ('closeAllConnections' in server) server.closeAllConnections();
                server.close(() => done());
              }),
          });
        });
      }),
    close: () => emulator.close(),
  };
}
