/**
 * The typed WeChat API client: `client.call('menu.create', body)` for any endpoint of the table, and one group of
 * thin methods per API area (`client.menu.create(body)`). Every call has a deadline, follows the retry rules of
 * `retry.ts`, and turns `errcode != 0` into a `WeChatApiError` that says how to fix it.
 * @module
 */
import { DEFAULT_API_BASE } from '../config.js';
import { silentLogger, type Logger } from '../logger.js';
import type { TokenProvider } from '../token/provider.js';
import { apiErrorOf, errcodeOf, readAnswer, sendRequest } from '../wechat-http/index.js';
import type { CustomEndpoint } from './custom-endpoint.js';
import type { EndpointSpec, WireSpec } from './endpoints.js';
import { endpoints } from './endpoints.js';
import type { EndpointName, EndpointResponse } from './endpoint-types.js';
import { executeWithRetry, type AttemptResult } from './execute.js';
import { isFileAnswer, toFileResponse } from './file-answer.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
import type { CallArgs, CallFn, ResourceContext, TicketProvider } from './resources/context.js';
import { createApiGroups, type ApiGroups } from './resources/groups.js';

/**
 * Options of {@link createApiClient}.
 */
export interface ApiClientOptions {
  /** Supplies the global access_token (the token manager, a token server client, or a fixed token in tests). */
  tokenProvider: TokenProvider;
  /** API origin; default `https://api.weixin.qq.com` (the CLI reads `WECHAT_API_BASE`). */
  apiBase?: string | undefined;
  /** The `fetch` to use; default the global one. */
  fetch?: typeof fetch | undefined;
  /** Deadline of each attempt in ms (headers and JSON body; a streamed file only until its headers); default 10 s. */
  timeoutMs?: number | undefined;
  logger?: Logger | undefined;
  /** Needed by web authorization, JS-SDK config and clear_quota. */
  appId?: string | undefined;
  /** Needed only by the web-authorization code exchange and clear_quota/v2. */
  appSecret?: string | undefined;
  /** Supplies the `jsapi_ticket` for `jssdk.config` (e.g. the token module's `createTicketManager`). */
  ticketProvider?: TicketProvider | undefined;
  /** Backoff tuning for busy/network retries; default 2 retries from 200 ms. */
  retry?: Partial<RetryPolicy> | undefined;
  /** Origin of the authorization page; default `https://open.weixin.qq.com`. */
  authorizeOrigin?: string | undefined;
  /** Origin of `showqrcode`; default `https://mp.weixin.qq.com`. */
  qrcodeOrigin?: string | undefined;
  /** Origin of the subscription consent page (`subscribe.consentUrl`); default `qrcodeOrigin`, else mp.weixin.qq.com. */
  mpOrigin?: string | undefined;
  /** Clock in ms, for JS-SDK timestamps. */
  now?: (() => number) | undefined;
  /** Told of each retry (for metrics): the endpoint's path, and `token` or `backoff`. */
  onRetry?: ((endpoint: string, reason: 'token' | 'backoff') => void) | undefined;
}

/**
 * The arguments after the endpoint in `client.request(endpoint, …)`: none when it takes nothing, else its request.
 */
export type RequestArgs<Req> = [Req] extends [undefined] ? [] : [request: Req];

/**
 * The client: `call` for any endpoint by name, `request` for an endpoint chosen at run time or outside the table,
 * and one property per API group (its type built from the groups' own types, see `resources/groups.ts`), whose
 * methods are named as their endpoints' table keys.
 *
 * @example
 * ```ts
 * async function greet(client: WeChatClient, openid: string) {
 *   await client.customService.sendText(openid, 'Hello');
 * }
 * ```
 */
export interface WeChatClient extends ApiGroups {
  /** Calls an endpoint by its table name, typed by its request and response. */
  call: CallFn;
  /** Calls a row of the table picked at run time (the CLI's `wxmp api`), typed by the row when it is known. */
  request<N extends EndpointName>(spec: EndpointSpec<N>, ...args: CallArgs<N>): Promise<EndpointResponse<N>>;
  /**
   * Calls an endpoint outside the table, described by `defineEndpoint` with its request and response types, under
   * the same wire rules, retries and errors (the table's own paths are refused there: they have names). A row of
   * the table whose request is only known at run time (JSON a user typed) lands here too, typed `unknown`.
   */
  request<Req, Res>(endpoint: CustomEndpoint<Req, Res>, ...args: RequestArgs<Req>): Promise<Res>;
  readonly apiBase: string;
}

/**
 * Creates a client for one account; several clients (accounts) can live in one process.
 *
 * @example
 * ```ts
 * import { createTokenManager } from 'wxmp/token';
 * const appId = 'wx1234567890abcdef';
 * const appSecret = process.env.WECHAT_APPSECRET!;
 * const client = createApiClient({ tokenProvider: createTokenManager({ appId, appSecret }), appId, appSecret });
 * await client.menu.create({ button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }] });
 * ```
 */
export function createApiClient(options: ApiClientOptions): WeChatClient {
  const apiBase = (options.apiBase ?? DEFAULT_API_BASE).replace(/\/+$/, '');
  const upstream = {
    apiBase,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: options.timeoutMs ?? 10_000,
  };
  const logger = options.logger ?? silentLogger;
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const now = options.now ?? Date.now;
  const auth = { appId: options.appId, appSecret: options.appSecret };

  const request = async (spec: WireSpec, body?: unknown): Promise<unknown> => {
    const started = Date.now();
    const attempt = async (token: string | undefined): Promise<AttemptResult<unknown>> => {
      const fetched = await sendRequest(upstream, spec, body, { ...auth, token });
      if (isFileAnswer(spec, fetched.response)) {
        fetched.settle();
        return { value: toFileResponse(fetched.response), errcode: 0 };
      }
      const data = await readAnswer(fetched, spec.path);
      return { value: data, errcode: errcodeOf(data) };
    };
    const { value, errcode } = await executeWithRetry({
      spec,
      tokenProvider: options.tokenProvider,
      attempt,
      policy,
      logger,
      onRetry: options.onRetry,
    });
    logger.debug({ endpoint: spec.path, errcode, ms: Date.now() - started }, 'WeChat API call');
    if (errcode !== 0) throw apiErrorOf(value, spec.path);
    return value;
  };

  const call = ((name: EndpointName, body?: unknown) => request(endpoints[name], body)) as CallFn;
  const context: ResourceContext = {
    call,
    appId: options.appId,
    authorizeOrigin: options.authorizeOrigin ?? 'https://open.weixin.qq.com',
    qrcodeOrigin: options.qrcodeOrigin ?? 'https://mp.weixin.qq.com',
    mpOrigin: options.mpOrigin ?? options.qrcodeOrigin ?? 'https://mp.weixin.qq.com',
    ticketProvider: options.ticketProvider,
    now,
  };
  return {
    call,
    // One implementation behind the typed overloads: each overload only narrows what the caller passes and gets.
    request,
    apiBase,
    ...createApiGroups(context),
  };
}
