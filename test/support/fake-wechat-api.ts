/**
 * A loopback stand-in for WeChat's HTTP API (api.weixin.qq.com), for tests of the API client and the proxy.
 *
 * It listens on 127.0.0.1 (port 0), routes by the endpoint table, checks the access_token (41001 / 40001 like
 * WeChat), answers with WeChat-like JSON (64-bit ids as bare integers, `application/json; encoding=utf-8`, errors of
 * binary endpoints as `text/plain`), keeps a little state (menu, media, users, tags, drafts, OAuth codes), records
 * every request, and injects faults: any errcode with WeChat's errmsg text (incl. `rid:`), delays, dropped
 * connections and raw HTTP answers.
 */
import { serve, type HttpBindings, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { createApiClient, type ApiClientOptions, type WeChatClient } from '../../src/api/client.js';
import { endpointByPath } from '../../src/api/endpoints.js';
import type { EndpointName } from '../../src/api/endpoint-types.js';
import type { TokenProvider } from '../../src/token/provider.js';

export const FAKE_APPID = 'wx0123456789abcdef';
export const FAKE_SECRET = '0123456789abcdef0123456789abcdef';
export const BIG_ID = '6054768590064713728'; // > 2^53, from the reference vectors
export const QR_TICKET = 'gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3+/MTAAIEZ23sUwMEmm3sUw==';
export const JSAPI_TICKET =
  'bxLdikRXVbTPdHSM05e5u5sUoXNKd8-41ZO3MhKoyN5OfkWITDGgnr2fwJ0m9E8NYzWKVZvdVtaUgWvsdshFKA';

/** One request as the fake saw it. */
export interface RecordedRequest {
  name: EndpointName | undefined;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Raw body text (JSON requests). */
  body: string;
  /** Multipart fields: files as { filename, type, size, text }, others as strings. */
  form: Record<
    string,
    string | { filename: string; type: string; size: number; text: string; bytes: Uint8Array }
  >;
}

/** A fault to inject for the next call(s) of an endpoint. */
export type Fault =
  | { errcode: number; errmsg?: string }
  | { delayMs: number }
  | { drop: true }
  | { status: number; body: string; contentType?: string };

interface StoredFile {
  type: string;
  bytes: Uint8Array;
  contentType: string;
  filename: string;
}

interface Answer {
  raw?: string;
  json?: object;
  file?: StoredFile;
  status?: number;
}

/** The running fake. */
export interface FakeWeChatApi {
  url: string;
  requests: RecordedRequest[];
  /** Injects `fault` into the next `times` calls of `name`. */
  fail(name: EndpointName, fault: Fault, times?: number): void;
  /** Makes every token issued so far invalid (as if another process called /cgi-bin/token twice). */
  expireTokens(): void;
  /** Issues a single-use OAuth code for `openid`, as the consent page would. */
  issueCode(openid: string): string;
  /** Requests for one endpoint. */
  calls(name: EndpointName): RecordedRequest[];
  state: FakeState;
  close(): Promise<void>;
}

interface FakeState {
  tokens: Set<string>;
  tokenSerial: number;
  menu: object | undefined;
  media: Map<string, StoredFile>;
  mediaSerial: number;
  users: string[];
  blacklist: string[];
  pageSize: number;
  tags: Map<number, { id: number; name: string; members: Set<string> }>;
  codes: Map<string, { openid: string; used: boolean }>;
  userTokens: Map<string, string>;
  drafts: Map<string, object[]>;
}

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40003: 'invalid openid',
  40007: 'invalid media_id',
  40013: 'invalid appid',
  40029: 'invalid code',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40164: 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist',
  41001: 'access_token missing',
  42001: 'access_token expired',
  43002: 'require POST method',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  45015: 'response out of time limit or subscription is canceled',
  45047: 'out of response count limit',
  46003: 'menu no exist',
  47001: 'data format error',
  48001: 'api unauthorized',
};

let ridSerial = 0;
const rid = () => `64dd4ac5-4c1f3d2a-${(++ridSerial).toString(16).padStart(8, '0')}`;

/** WeChat's error body, with the `rid:` suffix WeChat appends. */
export function wechatError(errcode: number, errmsg = ERRMSG[errcode] ?? 'error'): object {
  return { errcode, errmsg: `${errmsg} rid: ${rid()}` };
}

/**
 * Starts the fake on 127.0.0.1 with a free port.
 *
 * @example
 * ```ts
 * const fake = await startFakeWeChatApi();
 * const client = createApiClient({ apiBase: fake.url, tokenProvider: fakeTokenProvider(fake) });
 * ```
 */
export async function startFakeWeChatApi(
  options: { users?: string[]; pageSize?: number } = {},
): Promise<FakeWeChatApi> {
  const requests: RecordedRequest[] = [];
  const faults = new Map<EndpointName, Fault[]>();
  const state: FakeState = {
    tokens: new Set(),
    tokenSerial: 0,
    menu: undefined,
    media: new Map(),
    mediaSerial: 0,
    users: options.users ?? ['OPENID_1', 'OPENID_2', 'OPENID_3'],
    blacklist: ['BLOCKED_1', 'BLOCKED_2', 'BLOCKED_3'],
    pageSize: options.pageSize ?? 10_000,
    tags: new Map(),
    codes: new Map(),
    userTokens: new Map(),
    drafts: new Map(),
  };

  const app = new Hono<{ Bindings: HttpBindings }>();
  app.all('*', async (c) => {
    const url = new URL(c.req.url);
    const spec = endpointByPath(c.req.method, url.pathname);
    const record: RecordedRequest = {
      name: spec?.name,
      method: c.req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(c.req.raw.headers),
      body: '',
      form: {},
    };
    if (c.req.header('content-type')?.startsWith('multipart/form-data')) {
      for (const [key, value] of await c.req.formData()) {
        record.form[key] =
          typeof value === 'string'
            ? value
            : {
                filename: value.name,
                type: value.type,
                size: value.size,
                text: await value.text(),
                bytes: new Uint8Array(await value.arrayBuffer()),
              };
      }
    } else {
      record.body = await c.req.text();
    }
    requests.push(record);

    if (!spec) {
      // WeChat answers unknown paths and wrong methods on POST-only paths with JSON errors.
      const other = endpointByPath(c.req.method === 'GET' ? 'POST' : 'GET', url.pathname);
      return c.json(other ? wechatError(43002) : { errcode: 404, errmsg: 'not found' });
    }
    const fault = faults.get(spec.name)?.shift();
    if (fault && 'drop' in fault) {
      c.env.incoming.socket.destroy();
      return new Response(null);
    }
    if (fault && 'delayMs' in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault && 'status' in fault) {
      return c.body(fault.body, fault.status as 500, { 'content-type': fault.contentType ?? 'text/html' });
    }
    if (fault && 'errcode' in fault) return c.json(wechatError(fault.errcode, fault.errmsg));

    if (spec.auth === 'access_token') {
      const token = record.query['access_token'];
      if (!token) return c.json(wechatError(41001));
      if (!state.tokens.has(token)) return c.json(wechatError(40001));
    }
    const handler = handlers[spec.name];
    const answer = handler ? handler(record, state) : { json: { errcode: 0, errmsg: 'ok' } };
    if (answer.file) {
      return new Response(new Blob([answer.file.bytes as BlobPart]), {
        headers: {
          'content-type': answer.file.contentType,
          'content-disposition': `attachment; filename="${answer.file.filename}"`,
          'content-length': String(answer.file.bytes.byteLength),
        },
      });
    }
    // Binary endpoints send their JSON errors as text/plain, as WeChat does.
    const contentType = spec.response === 'json' ? 'application/json; encoding=utf-8' : 'text/plain';
    const text = answer.raw ?? JSON.stringify(answer.json ?? {});
    return c.body(text, (answer.status ?? 200) as 200, { 'content-type': contentType });
  });

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    state,
    fail(name, fault, times = 1) {
      const queue = faults.get(name) ?? [];
      for (let i = 0; i < times; i++) queue.push(fault);
      faults.set(name, queue);
    },
    expireTokens() {
      state.tokens.clear();
    },
    issueCode(openid) {
      const code = `CODE_${state.codes.size + 1}`;
      state.codes.set(code, { openid, used: false });
      return code;
    },
    calls(name) {
      return requests.filter((r) => r.name === name);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * A token provider backed by the fake's /cgi-bin/token, caching one token and dropping it on `invalidate` (of that
 * exact token), as the real token manager does; it records what it did.
 *
 * @example
 * ```ts
 * const tokens = fakeTokenProvider(fake);
 * await client.menu.get();
 * expect(tokens.fetches).toBe(1);
 * ```
 */
export function fakeTokenProvider(fake: {
  url: string;
}): TokenProvider & { fetches: number; invalidated: string[] } {
  let current: string | undefined;
  const provider = {
    fetches: 0,
    invalidated: [] as string[],
    async getToken() {
      if (current) return current;
      const res = await fetch(
        `${fake.url}/cgi-bin/token?grant_type=client_credential&appid=${FAKE_APPID}&secret=${FAKE_SECRET}`,
      );
      const body = (await res.json()) as { access_token: string };
      provider.fetches += 1;
      current = body.access_token;
      return current;
    },
    invalidate(token: string) {
      provider.invalidated.push(token);
      if (current === token) current = undefined;
      return Promise.resolve();
    },
  };
  return provider;
}

/**
 * A fake, a token provider over it and a client for the fake account with near-zero backoff, for one test.
 *
 * @example
 * ```ts
 * const { fake, tokens, client } = await startFakeWithClient();
 * ```
 */
export async function startFakeWithClient(
  options: Parameters<typeof startFakeWeChatApi>[0] = {},
  clientOptions: Partial<ApiClientOptions> = {},
): Promise<{ fake: FakeWeChatApi; tokens: ReturnType<typeof fakeTokenProvider>; client: WeChatClient }> {
  const fake = await startFakeWeChatApi(options);
  const tokens = fakeTokenProvider(fake);
  const client = createApiClient({
    apiBase: fake.url,
    tokenProvider: tokens,
    appId: FAKE_APPID,
    appSecret: FAKE_SECRET,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    ...clientOptions,
  });
  return { fake, tokens, client };
}

type Handler = (req: RecordedRequest, state: FakeState) => Answer;

const ok = (extra: object = {}): Answer => ({ json: { errcode: 0, errmsg: 'ok', ...extra } });
const error = (errcode: number): Answer => ({ json: wechatError(errcode) });
const jsonOf = (req: RecordedRequest) => (req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {});

function page(all: string[], next: string | undefined, size: number, withTotal: boolean): Answer {
  const start = next ? all.indexOf(next) + 1 : 0;
  const slice = all.slice(start, start + size);
  return {
    json: {
      ...(withTotal ? { total: all.length } : {}),
      count: slice.length,
      ...(slice.length ? { data: { openid: slice } } : {}),
      next_openid: slice.at(-1) ?? '',
    },
  };
}

function storeUpload(req: RecordedRequest, state: FakeState, type: string): StoredFile | undefined {
  const media = req.form['media'];
  if (!media || typeof media === 'string' || !media.filename) return undefined;
  const file = { type, bytes: media.bytes, contentType: media.type, filename: media.filename };
  state.media.set(`MEDIA_${++state.mediaSerial}`, file);
  return file;
}

const handlers: Partial<Record<EndpointName, Handler>> = {
  'token.get': (req, state) => {
    if (req.query['appid'] !== FAKE_APPID) return error(40013);
    if (req.query['secret'] !== FAKE_SECRET) return error(40125);
    const token = `TOKEN_${++state.tokenSerial}`;
    state.tokens.add(token);
    return { json: { access_token: token, expires_in: 7200 } };
  },
  'token.stable': (req, state) => {
    const body = jsonOf(req);
    if (body['appid'] !== FAKE_APPID) return error(40013);
    if (body['secret'] !== FAKE_SECRET) return error(40125);
    const token = `TOKEN_${++state.tokenSerial}`;
    state.tokens.add(token);
    return { json: { access_token: token, expires_in: 7200 } };
  },
  'menu.create': (req, state) => {
    const body = jsonOf(req);
    if (!Array.isArray(body['button'])) return error(47001);
    state.menu = body;
    return ok();
  },
  'menu.get': (_req, state) =>
    state.menu ? { json: { menu: { ...state.menu, menuid: 208379533 } } } : error(46003),
  'menu.delete': (_req, state) => {
    state.menu = undefined;
    return ok();
  },
  'menu.selfMenuInfo': (_req, state) => ({
    json: {
      is_menu_open: 1,
      selfmenu_info: { button: (state.menu as { button?: unknown[] })?.button ?? [] },
    },
  }),
  'menu.addConditional': (_req, state) => (state.menu ? { json: { menuid: '208379533' } } : error(46003)),
  'menu.tryMatch': (_req, state) => ({
    json: { button: (state.menu as { button?: unknown[] })?.button ?? [] },
  }),
  'media.upload': (req, state) => {
    const type = req.query['type'] ?? '';
    const file = storeUpload(req, state, type);
    if (!file) return error(41005);
    return { json: { type, media_id: `MEDIA_${state.mediaSerial}`, created_at: 1700000000 } };
  },
  'media.get': (req, state) => {
    const file = state.media.get(req.query['media_id'] ?? '');
    if (!file) return error(40007);
    return file.type === 'video' ? { json: { video_url: 'http://vweixinf.tc.qq.com/video.mp4' } } : { file };
  },
  'media.getJssdk': (req, state) => {
    const file = state.media.get(req.query['media_id'] ?? '');
    return file ? { file } : error(40007);
  },
  'media.uploadImg': (req, state) =>
    storeUpload(req, state, 'image') ? { json: { url: 'http://mmbiz.qpic.cn/mmbiz/abc/0' } } : error(41005),
  'material.add': (req, state) => {
    const type = req.query['type'] ?? '';
    if (type === 'video' && typeof req.form['description'] !== 'string') return error(40007);
    const file = storeUpload(req, state, type);
    if (!file) return error(41005);
    const id = `MEDIA_${state.mediaSerial}`;
    return { json: type === 'image' ? { media_id: id, url: 'http://mmbiz.qpic.cn/m/1' } : { media_id: id } };
  },
  'material.get': (req, state) => {
    const file = state.media.get(String(jsonOf(req)['media_id']));
    if (!file) return error(40007);
    if (file.type === 'video')
      return { json: { title: 'T', description: 'D', down_url: 'http://example.com/v' } };
    return { file };
  },
  'material.count': () => ({ json: { voice_count: 1, video_count: 2, image_count: 3, news_count: 4 } }),
  'material.batchGet': () => ({
    json: {
      total_count: 1,
      item_count: 1,
      item: [{ media_id: 'MEDIA_1', name: 'a.png', update_time: 1, url: 'u' }],
    },
  }),
  'customService.send': (req) => {
    const body = jsonOf(req);
    const type = body['msgtype'];
    return typeof type === 'string' && body[type] && body['touser'] ? ok() : error(47001);
  },
  'template.send': () => ({ raw: `{"errcode":0,"errmsg":"ok","msgid":${BIG_ID}}` }),
  'template.list': () => ({
    json: {
      template_list: [{ template_id: 'TPL_1', title: 'Order', content: '{{thing1.DATA}}', example: '' }],
    },
  }),
  'mass.sendAll': () => ({
    raw: `{"errcode":0,"errmsg":"send job submission success","msg_id":${BIG_ID},"msg_data_id":2247483647}`,
  }),
  'mass.send': () => ({
    raw: '{"errcode":0,"errmsg":"send job submission success","msg_id":34182,"msg_data_id":206227730}',
  }),
  'mass.get': (req) => ({ raw: `{"msg_id":${String(jsonOf(req)['msg_id'])},"msg_status":"SEND_SUCCESS"}` }),
  'user.info': (req, state) => {
    const openid = req.query['openid'] ?? '';
    if (!state.users.includes(openid)) return error(40003);
    return {
      json: { subscribe: 1, openid, language: req.query['lang'], subscribe_time: 1700000000, tagid_list: [] },
    };
  },
  'user.batchGet': (req) => ({
    json: {
      user_info_list: (jsonOf(req)['user_list'] as { openid: string }[]).map((u) => ({
        subscribe: 1,
        openid: u.openid,
      })),
    },
  }),
  'user.list': (req, state) => page(state.users, req.query['next_openid'], state.pageSize, true),
  'tag.create': (req, state) => {
    const { name } = jsonOf(req)['tag'] as { name: string };
    const id = 100 + state.tags.size;
    state.tags.set(id, { id, name, members: new Set() });
    return { json: { tag: { id, name } } };
  },
  'tag.list': (_req, state) => ({
    json: { tags: [...state.tags.values()].map((t) => ({ id: t.id, name: t.name, count: t.members.size })) },
  }),
  'tag.update': (req, state) => {
    const { id, name } = jsonOf(req)['tag'] as { id: number; name: string };
    const tag = state.tags.get(id);
    if (!tag) return error(45058);
    tag.name = name;
    return ok();
  },
  'tag.delete': (req, state) => {
    state.tags.delete((jsonOf(req)['tag'] as { id: number }).id);
    return ok();
  },
  'tag.batchTagging': (req, state) => {
    const body = jsonOf(req) as { openid_list: string[]; tagid: number };
    for (const openid of body.openid_list) state.tags.get(body.tagid)?.members.add(openid);
    return ok();
  },
  'tag.batchUntagging': (req, state) => {
    const body = jsonOf(req) as { openid_list: string[]; tagid: number };
    for (const openid of body.openid_list) state.tags.get(body.tagid)?.members.delete(openid);
    return ok();
  },
  'tag.members': (req, state) => {
    const body = jsonOf(req) as { tagid: number; next_openid?: string };
    return page([...(state.tags.get(body.tagid)?.members ?? [])], body.next_openid, state.pageSize, false);
  },
  'tag.idList': (req, state) => {
    const openid = String(jsonOf(req)['openid']);
    return {
      json: { tagid_list: [...state.tags.values()].filter((t) => t.members.has(openid)).map((t) => t.id) },
    };
  },
  'blacklist.get': (req, state) =>
    page(
      state.blacklist,
      (jsonOf(req)['begin_openid'] as string | undefined) || undefined,
      state.pageSize,
      true,
    ),
  'qrcode.create': (req) => {
    const body = jsonOf(req);
    const temporary = !String(body['action_name']).includes('LIMIT');
    return {
      json: {
        ticket: QR_TICKET,
        ...(temporary ? { expire_seconds: body['expire_seconds'] ?? 60 } : {}),
        url: 'http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI',
      },
    };
  },
  'oauth.accessToken': (req, state) => {
    if (req.query['appid'] !== FAKE_APPID) return error(40013);
    if (req.query['secret'] !== FAKE_SECRET) return error(40125);
    if (req.query['grant_type'] !== 'authorization_code') return error(40002);
    const code = state.codes.get(req.query['code'] ?? '');
    if (!code) return error(40029);
    if (code.used) return error(40163);
    code.used = true;
    const token = `USER_TOKEN_${state.userTokens.size + 1}`;
    state.userTokens.set(token, code.openid);
    return {
      json: {
        access_token: token,
        expires_in: 7200,
        refresh_token: `REFRESH_${token}`,
        openid: code.openid,
        scope: 'snsapi_userinfo',
      },
    };
  },
  'oauth.refreshToken': (req, state) => {
    if (req.query['appid'] !== FAKE_APPID || req.query['secret'] !== undefined) return error(40013);
    const old = (req.query['refresh_token'] ?? '').replace(/^REFRESH_/, '');
    const openid = state.userTokens.get(old);
    if (!openid || req.query['grant_type'] !== 'refresh_token') return error(40030);
    return {
      json: {
        access_token: old,
        expires_in: 7200,
        refresh_token: `REFRESH_${old}`,
        openid,
        scope: 'snsapi_userinfo',
      },
    };
  },
  'oauth.userInfo': (req, state) => {
    const openid = state.userTokens.get(req.query['access_token'] ?? '');
    if (!openid) return error(40001);
    return {
      json: {
        openid,
        nickname: '张三',
        sex: 0,
        province: '',
        city: '',
        country: '',
        headimgurl: 'http://thirdwx.qlogo.cn/0',
        privilege: [],
      },
    };
  },
  'oauth.auth': (req, state) =>
    state.userTokens.get(req.query['access_token'] ?? '') === req.query['openid'] ? ok() : error(40001),
  'jssdk.getTicket': () => ({ json: { errcode: 0, errmsg: 'ok', ticket: JSAPI_TICKET, expires_in: 7200 } }),
  'draft.add': (req, state) => {
    const id = `DRAFT_${state.drafts.size + 1}`;
    state.drafts.set(id, jsonOf(req)['articles'] as object[]);
    return { json: { media_id: id } };
  },
  'draft.get': (req, state) => {
    const articles = state.drafts.get(String(jsonOf(req)['media_id']));
    return articles ? { json: { news_item: articles } } : error(40007);
  },
  'draft.delete': (req, state) =>
    state.drafts.delete(String(jsonOf(req)['media_id'])) ? ok() : error(40007),
  'draft.update': (req, state) => {
    const body = jsonOf(req) as { media_id: string; index: number; articles: object };
    const articles = state.drafts.get(body.media_id);
    if (!articles || body.index >= articles.length) return error(40007);
    articles[body.index] = body.articles;
    return ok();
  },
  'draft.count': (_req, state) => ({ json: { total_count: state.drafts.size } }),
  'draft.batchGet': (_req, state) => ({
    json: {
      total_count: state.drafts.size,
      item_count: state.drafts.size,
      item: [...state.drafts].map(([media_id, news_item]) => ({
        media_id,
        content: { news_item },
        update_time: 1,
      })),
    },
  }),
  'publish.submit': () => ({
    raw: `{"errcode":0,"errmsg":"ok","publish_id":${BIG_ID},"msg_data_id":2247483647}`,
  }),
  'publish.get': (req) => ({
    raw:
      `{"publish_id":${String(jsonOf(req)['publish_id'])},"publish_status":0,"article_id":"ARTICLE_1",` +
      '"article_detail":{"count":1,"item":[{"idx":1,"article_url":"https://mp.weixin.qq.com/s/x"}]},"fail_idx":[]}',
  }),
  'publish.getArticle': () => ({
    json: { news_item: [{ title: 'Hello', content: '<p/>', is_deleted: false }] },
  }),
  'publish.batchGet': () => ({
    json: {
      total_count: 1,
      item_count: 1,
      item: [
        {
          article_id: 'ARTICLE_1',
          content: { news_item: [{ title: 'Hello', content: '' }] },
          update_time: 1,
        },
      ],
    },
  }),
  'misc.callbackIp': () => ({ json: { ip_list: ['101.226.103.0/25', '101.226.62.0/26'] } }),
  'misc.apiDomainIp': () => ({ json: { ip_list: ['101.89.47.18', '101.91.34.103'] } }),
  'misc.clearQuota': (req) => (jsonOf(req)['appid'] === FAKE_APPID ? ok() : error(40013)),
  'misc.clearQuotaV2': (req) =>
    req.query['appid'] === FAKE_APPID && req.query['appsecret'] === FAKE_SECRET ? ok() : error(40125),
  'misc.quotaGet': () => ok({ quota: { daily_limit: 10_000_000, used: 1, remain: 9_999_999 } }),
  'misc.ridGet': (req) =>
    ok({
      request: {
        invoke_time: 1635156704,
        cost_in_ms: 30,
        request_url: 'access_token=TOKEN',
        request_body: '',
        response_body: '{"errcode":45009}',
        client_ip: '203.0.113.7',
        rid: jsonOf(req)['rid'],
      },
    }),
  'misc.callbackCheck': () => ({ json: { dns: [{ ip: '203.0.113.7', real_operator: 'UNICOM' }], ping: [] } }),
};
