/**
 * A platform on a fresh emulator state, called through Hono's `app.request()` (no socket), with a recorder in place
 * of the push to the developer's webhook.
 */
import { expect, vi } from 'vitest';
import { createApiClient, type ApiClientOptions, type WeChatClient } from '../../../../src/api/client.js';
import { WeChatApiError } from '../../../../src/errors.js';
import { DEFAULT_ACCOUNT } from '../../../../src/emulator/defaults.js';
import { platformRoutes } from '../../../../src/emulator/platform/routes.js';
import { EmulatorState } from '../../../../src/emulator/state.js';
import type { Fan } from '../../../../src/emulator/world.js';
import { parseMessage } from '../../../../src/messages/parse.js';
import type { Message } from '../../../../src/messages/types.js';

export const ACCOUNT = { ...DEFAULT_ACCOUNT, webhookUrl: undefined };
export const APPID = ACCOUNT.appId;
export const SECRET = ACCOUNT.appSecret;

export interface RecordedPush {
  openid: string;
  xml: string;
  kind: string;
}

export interface Answer {
  status: number;
  /** Parsed JSON (undefined for non-JSON bodies). */
  json: Record<string, unknown>;
  text: string;
  headers: Headers;
  bytes: Buffer;
}

export type Platform = ReturnType<typeof createPlatform>;

/** A fan with sensible defaults (following, no tags). */
export function addFan(state: EmulatorState, init: Partial<Fan> & { openid: string }): Fan {
  const fan: Fan = {
    nickname: init.openid,
    following: true,
    subscribeTime: Math.floor(state.now() / 1000),
    subscribeScene: 'ADD_SCENE_SEARCH',
    qrScene: 0,
    qrSceneStr: '',
    remark: '',
    language: 'zh_CN',
    tagIds: [],
    blacklisted: false,
    ...init,
  };
  state.fans.set(fan.openid, fan);
  return fan;
}

export function createPlatform(options: { maxHoldMs?: number } = {}) {
  const state = new EmulatorState({ account: { ...ACCOUNT } });
  // A frozen clock (moved only by the test), so lifetimes come out exact.
  const base = Date.UTC(2024, 5, 1, 4, 0, 0);
  state.now = () => base + state.clockOffsetMs;
  const pushes: RecordedPush[] = [];
  const push = (openid: string, xml: string, kind: string) => {
    pushes.push({ openid, xml, kind });
    return Promise.resolve();
  };
  const app = platformRoutes(state, { push, jobFinishDelayMs: 0, maxHoldMs: options.maxHoldMs ?? 30_000 });
  let token: { value: string; expiresAt: number } | undefined;

  async function send(
    method: string,
    path: string,
    init: {
      query?: Record<string, string>;
      body?: BodyInit;
      headers?: Record<string, string>;
      signal?: AbortSignal;
    } = {},
  ): Promise<Answer> {
    const search = new URLSearchParams(init.query ?? {}).toString();
    const res = await app.request(`http://emulator.test${path}${search ? `?${search}` : ''}`, {
      method,
      ...(init.body === undefined ? {} : { body: init.body }),
      ...(init.headers ? { headers: init.headers } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // a file or a page
    }
    return { status: res.status, json, text, headers: res.headers, bytes };
  }

  /** A classic token for the API calls (a new one once the clock has moved past the last one). */
  async function accessToken(): Promise<string> {
    if (token === undefined || state.now() >= token.expiresAt) {
      const res = await send('GET', '/cgi-bin/token', {
        query: { grant_type: 'client_credential', appid: APPID, secret: SECRET },
      });
      token = { value: String(res.json['access_token']), expiresAt: state.now() + 7000_000 };
    }
    return token.value;
  }

  return {
    state,
    app,
    pushes,
    send,
    accessToken,
    /** GET with the token. */
    async get(path: string, query: Record<string, string> = {}) {
      return send('GET', path, { query: { access_token: await accessToken(), ...query } });
    },
    /** POST JSON with the token. */
    async post(path: string, body: unknown, query: Record<string, string> = {}) {
      return send('POST', path, {
        query: { access_token: await accessToken(), ...query },
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
    },
    /** POST a multipart form with the token. */
    async upload(path: string, form: FormData, query: Record<string, string> = {}) {
      return send('POST', path, { query: { access_token: await accessToken(), ...query }, body: form });
    },
    /** Moves the emulator's clock forward. */
    advance(seconds: number) {
      state.clockOffsetMs += seconds * 1000;
    },
    /** Waits for the job-finish push of `event` and parses it. */
    async pushed(event: string): Promise<{ push: RecordedPush; message: Message }> {
      const found = await vi.waitFor(() => {
        const p = pushes.find((r) => r.kind === `event.${event}`);
        if (!p) throw new Error(`no ${event} push yet`);
        return p;
      });
      return { push: found, message: parseMessage(found.xml) };
    },
  };
}

/** Asserts a WeChat error answer: the code, and an errmsg ending with ` rid: …`. */
export function expectError(answer: Answer, errcode: number): void {
  expect(answer.status).toBe(200);
  expect(answer.json['errcode'], answer.text).toBe(errcode);
  expect(String(answer.json['errmsg'])).toMatch(/ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
}

/** A file for multipart uploads. */
export function file(name: string, bytes: number | Uint8Array, type = ''): File {
  const data: Uint8Array<ArrayBuffer> =
    typeof bytes === 'number' ? new Uint8Array(bytes).fill(7) : new Uint8Array(bytes);
  return new File([data], name, type ? { type } : {});
}

/** A form with the field `media` (and extra text fields). */
export function mediaForm(media: File, extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append('media', media);
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  return form;
}

/**
 * The typed client on this platform, in process: its `fetch` is the emulator app's, so every request goes through
 * the table, the wire format and the emulator's checks without a socket.
 */
export function inProcessClient(p: Platform, options: Partial<ApiClientOptions> = {}): WeChatClient {
  return createApiClient({
    tokenProvider: { getToken: () => p.accessToken(), invalidate: () => Promise.resolve() },
    apiBase: 'http://emulator.test',
    fetch: (input, init) => Promise.resolve(p.app.fetch(new Request(input, init))),
    appId: APPID,
    appSecret: SECRET,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    ...options,
  });
}

/** Publishes one draft of these articles (comments open unless said) and waits for it: its msg_data_id. */
export async function publishArticles(p: Platform, titles: string[], openComment = 1): Promise<string> {
  const thumb = await p.upload('/cgi-bin/material/add_material', mediaForm(file('t.jpg', 10)), {
    type: 'thumb',
  });
  const articles = titles.map((title) => ({
    title,
    content: `<p>${title}</p>`,
    thumb_media_id: String(thumb.json['media_id']),
    need_open_comment: openComment,
  }));
  const draft = await p.post('/cgi-bin/draft/add', { articles });
  const submitted = await p.post('/cgi-bin/freepublish/submit', { media_id: draft.json['media_id'] });
  await p.pushed('PUBLISHJOBFINISH');
  return String(submitted.json['msg_data_id']);
}

/** The errcode a client call was refused with (it must be refused with a WeChatApiError). */
export async function refusedWith(call: Promise<unknown>): Promise<number> {
  const error = await call.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(WeChatApiError);
  return (error as WeChatApiError).errcode;
}
