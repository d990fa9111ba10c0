/**
 * The API client on the emulator, in-process: a client whose `fetch` is the emulator's, and a token provider over
 * the emulator's /cgi-bin/token that records what it was asked to do (a double of the provider the client is given,
 * not of WeChat).
 */
import { createApiClient, type ApiClientOptions, type WeChatClient } from '../../src/api/client.js';
import type { TokenProvider } from '../../src/token/provider.js';
import { createEmulatedWeChat, EMULATOR_BASE, type EmulatedWeChat } from './emulated-wechat.js';

/** A token provider that caches one classic token and records its fetches and invalidations. */
export type RecordingTokenProvider = TokenProvider & { fetches: number; invalidated: string[] };

/**
 * A token provider backed by the emulator's /cgi-bin/token, caching one token and dropping it on `invalidate` (of
 * that exact token), as the real token manager does.
 *
 * @example
 * ```ts
 * const tokens = recordingTokenProvider(createEmulatedWeChat());
 * await tokens.getToken();
 * tokens.fetches; // 1
 * ```
 */
export function recordingTokenProvider(wechat: EmulatedWeChat): RecordingTokenProvider {
  let current: string | undefined;
  const provider: RecordingTokenProvider = {
    fetches: 0,
    invalidated: [],
    async getToken() {
      if (current) return current;
      const query = `grant_type=client_credential&appid=${wechat.appId}&secret=${wechat.appSecret}`;
      const res = await wechat.fetch(`${EMULATOR_BASE}/cgi-bin/token?${query}`);
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

/** What {@link startEmulatedClient} returns. */
export interface EmulatedClient {
  wechat: EmulatedWeChat;
  tokens: RecordingTokenProvider;
  client: WeChatClient;
}

/**
 * An emulator with following fans `OPENID_1`…`OPENID_3`, a recording token provider over it, and a client for the
 * emulated account with near-zero backoff, all in-process.
 *
 * @example
 * ```ts
 * const { wechat, client } = startEmulatedClient();
 * await client.menu.get();
 * ```
 */
export function startEmulatedClient(clientOptions: Partial<ApiClientOptions> = {}): EmulatedClient {
  const wechat = createEmulatedWeChat();
  wechat.addFans('OPENID_1', 'OPENID_2', 'OPENID_3');
  const tokens = recordingTokenProvider(wechat);
  const client = createApiClient({
    apiBase: EMULATOR_BASE,
    fetch: wechat.fetch,
    tokenProvider: tokens,
    appId: wechat.appId,
    appSecret: wechat.appSecret,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    ...clientOptions,
  });
  return { wechat, tokens, client };
}
