/**
 * The calls to WeChat that produce access_tokens: `stable_token` (the default) and the classic `/cgi-bin/token`,
 * each built from its row of the endpoint table and sent through the shared WeChat HTTP layer (`src/wechat-http`),
 * which words every failure.
 * @module
 */
import { endpoints } from '../api/endpoints.js';
import { WeChatError } from '../errors.js';
import { callWeChat, CHECK_API_BASE, type Upstream } from '../wechat-http/index.js';

/**
 * What a fetcher returns: the credential and how long WeChat says it lives.
 */
export interface FetchedCredential {
  value: string;
  expiresInMs: number;
}

/**
 * Fetches a new credential from WeChat. `force` asks for a new one even if WeChat still holds a valid one
 * (`force_refresh` of stable_token); fetchers without such a switch ignore it.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from 'wxmp/token';
 * import { CredentialManager } from './credential.js';
 * const fixed: CredentialFetcher = async () => ({ value: 'ACCESS_TOKEN', expiresInMs: 7_200_000 });
 * const cache = new CredentialManager({
 *   label: 'access_token',
 *   key: 'wx1234:access_token',
 *   fetcher: fixed,
 *   store: createMemoryStore(),
 *   now: Date.now,
 *   logger,
 *   refreshAheadMs: 300_000,
 *   maxUpstreamCallsPerMinute: 10,
 *   lockTtlMs: 22_000,
 * });
 * ```
 */
export type CredentialFetcher = (context: { force: boolean }) => Promise<FetchedCredential>;

/**
 * Options of the access_token fetchers.
 */
export interface TokenFetcherOptions extends Upstream {
  appId: string;
  appSecret: string;
}

/**
 * Fetches with `POST /cgi-bin/stable_token`: returns the token WeChat currently holds (its remaining lifetime),
 * unaffected by other callers; `force` sets `force_refresh` (WeChat allows that 20 times a day, 30 s apart).
 *
 * @example
 * ```ts
 * const fetcher = stableTokenFetcher({
 *   appId: 'wx1234567890abcdef',
 *   appSecret: process.env.WECHAT_APPSECRET!,
 *   apiBase: 'https://api.weixin.qq.com',
 *   fetch,
 *   timeoutMs: 10_000,
 * });
 * const { value, expiresInMs } = await fetcher({ force: false });
 * ```
 */
export function stableTokenFetcher(options: TokenFetcherOptions): CredentialFetcher {
  const spec = endpoints['token.stable'];
  return async ({ force }) => {
    const body = await callWeChat(options, spec, { force_refresh: force }, credentialsOf(options));
    return readCredential(body, 'access_token', spec.path);
  };
}

/**
 * Fetches with `GET /cgi-bin/token`: every call issues a new token and retires the previous one after 5 minutes,
 * which is why only one refresher may exist (the manager's lock sees to it).
 *
 * @example
 * ```ts
 * const fetcher = classicTokenFetcher({
 *   appId: 'wx1234567890abcdef',
 *   appSecret: process.env.WECHAT_APPSECRET!,
 *   apiBase: 'https://api.weixin.qq.com',
 *   fetch,
 *   timeoutMs: 10_000,
 * });
 * const { value, expiresInMs } = await fetcher({ force: false }); // force is ignored
 * ```
 */
export function classicTokenFetcher(options: TokenFetcherOptions): CredentialFetcher {
  const spec = endpoints['token.get'];
  return async () => {
    const body = await callWeChat(options, spec, undefined, credentialsOf(options));
    return readCredential(body, 'access_token', spec.path);
  };
}

/**
 * Reads `{ <field>: string, expires_in: seconds }` out of a successful answer.
 *
 * @example
 * ```ts
 * readCredential({ ticket: 'T', expires_in: 7200 }, 'ticket', '/cgi-bin/ticket/getticket');
 * ```
 */
export function readCredential(
  body: Record<string, unknown>,
  field: string,
  endpoint: string,
): FetchedCredential {
  const value = body[field];
  const expiresIn = body['expires_in'];
  if (typeof value !== 'string' || value === '' || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
    throw new WeChatError('HTTP_ERROR', `WeChat API ${endpoint} answered without ${field} and expires_in`, {
      hint: CHECK_API_BASE,
    });
  }
  return { value, expiresInMs: expiresIn * 1000 };
}

function credentialsOf(options: TokenFetcherOptions) {
  return { token: undefined, appId: options.appId, appSecret: options.appSecret };
}
