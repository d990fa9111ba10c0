/**
 * The JS-SDK ticket managers (`jsapi_ticket`, and the `wx_card` ticket): the access_token machinery with a fetcher
 * that calls `/cgi-bin/ticket/getticket` with a token from a {@link TokenProvider}.
 * @module
 */
import { endpoints } from '../api/endpoints.js';
import { WeChatApiError } from '../errors.js';
import { callWeChat, TOKEN_ERRCODES, type Upstream } from '../wechat-http/index.js';
import { CredentialManager } from './credential.js';
import { readCredential, type CredentialFetcher } from './fetchers.js';
import { resolveManagerOptions, type SharedManagerOptions } from './manager-options.js';
import type { TokenProvider } from './provider.js';

/**
 * The ticket kinds of `getticket`.
 */
export type TicketType = 'jsapi' | 'wx_card';

/**
 * A fetcher for `GET /cgi-bin/ticket/getticket`. When WeChat rejects the access_token it invalidates that exact
 * token and retries once with a fresh one.
 *
 * @example
 * ```ts
 * import { createTokenManager } from './manager.js';
 * const tokens = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * const fetcher = ticketFetcher({ tokens, type: 'jsapi', apiBase: 'https://api.weixin.qq.com', fetch, timeoutMs: 10_000 });
 * const { value: ticket } = await fetcher({ force: false });
 * ```
 */
export function ticketFetcher(
  options: Upstream & { tokens: TokenProvider; type: TicketType },
): CredentialFetcher {
  const spec = endpoints['jssdk.getTicket'];
  const fetchWith = async (token: string) => {
    const body = await callWeChat(
      options,
      spec,
      { type: options.type },
      { token, appId: undefined, appSecret: undefined },
    );
    return readCredential(body, 'ticket', spec.path);
  };
  return async () => {
    const token = await options.tokens.getToken();
    try {
      return await fetchWith(token);
    } catch (err) {
      if (!(err instanceof WeChatApiError && TOKEN_ERRCODES.has(err.errcode))) throw err;
      await options.tokens.invalidate(token);
      return fetchWith(await options.tokens.getToken());
    }
  };
}

/**
 * Options of {@link createTicketManager}.
 */
export interface TicketManagerOptions extends SharedManagerOptions {
  /** The account, used in store keys. */
  appId: string;
  /** Supplies access_tokens (a token manager, or a client of a token server). */
  tokens: TokenProvider;
  /** Default `jsapi`. */
  type?: TicketType | undefined;
}

/**
 * A cached ticket, refreshed like the access_token.
 *
 * @example
 * ```ts
 * async function wxConfigTicket(tickets: TicketManager): Promise<string> {
 *   return tickets.getTicket(); // cached; refreshed before it expires
 * }
 * ```
 */
export interface TicketManager {
  /** A valid ticket. */
  getTicket(): Promise<string>;
  /** The cached ticket when it has not expired; never calls WeChat. */
  peek(): Promise<{ ticket: string; expiresAt: number } | undefined>;
  /**
   * Fetches a new ticket now, however long the cached one has left, unless another caller just did; concurrent
   * calls share one request, and `force` never joins a plain refresh in progress.
   */
  refresh(opts?: { force?: boolean }): Promise<string>;
  /** Drops `ticket` only if it is still the cached one. */
  invalidate(ticket: string): Promise<void>;
  /** Waits for background work; closes the store if the manager created it. */
  close(): Promise<void>;
}

/**
 * Creates a ticket manager on top of an access_token provider.
 *
 * @example
 * ```ts
 * import { createMemoryStore, createTokenManager } from 'wxmp/token';
 * const appId = 'wx1234567890abcdef';
 * const store = createMemoryStore();
 * const tokens = createTokenManager({ appId, appSecret: process.env.WECHAT_APPSECRET!, store });
 * const tickets = createTicketManager({ appId, tokens, type: 'jsapi', store });
 * const ticket = await tickets.getTicket();
 * ```
 */
export function createTicketManager(options: TicketManagerOptions): TicketManager {
  const type = options.type ?? 'jsapi';
  const { upstream, settings, closeOwnedStore } = resolveManagerOptions(options);
  const credential = new CredentialManager({
    ...settings,
    label: `${type}_ticket`,
    key: `${options.appId}:ticket:${type}`,
    fetcher: ticketFetcher({ ...upstream, tokens: options.tokens, type }),
    // A ticket fetch may include a token refresh and a retry: room for four calls.
    lockTtlMs: 4 * upstream.timeoutMs + 2000,
  });
  return {
    getTicket: () => credential.get(),
    async peek() {
      const record = await credential.peek();
      return record === undefined ? undefined : { ticket: record.value, expiresAt: record.expiresAt };
    },
    refresh: (opts) => credential.refresh(opts),
    invalidate: (ticket) => credential.invalidate(ticket),
    async close() {
      await credential.close();
      await closeOwnedStore();
    },
  };
}
