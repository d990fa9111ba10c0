/**
 * The one layer for talking to WeChat's HTTP API, shared by the API client (`src/api`), the token and ticket
 * managers (`src/token`) and the API proxy: the request built from the endpoint table, the call under a deadline,
 * no-answer errors, the answer parsed with 64-bit ids intact, errcode → `WeChatApiError` with a hint from one
 * table, the token errcodes, and the backoff function.
 *
 * It sits below both `api` and `token` (it imports only `errors` and the endpoint table's data), so the token
 * managers reach WeChat without depending on the API client.
 *
 * An internal module entry, not a package export: it exports what the layer's users inside `src/` need, and no
 * public entry point re-exports it (only `BackoffPolicy`, the base of the API client's `RetryPolicy`, is public,
 * through `wxmp/api`).
 *
 * @example
 * ```ts
 * import { endpoints } from 'wxmp/api';
 * import { callWeChat } from './index.js';
 * const upstream = { apiBase: 'https://api.weixin.qq.com', fetch: globalThis.fetch, timeoutMs: 10_000 };
 * const body = await callWeChat(upstream, endpoints['token.stable'], { force_refresh: false },
 *   { token: undefined, appId: 'wx0123456789abcdef', appSecret: process.env.WECHAT_APPSECRET });
 * ```
 * @module
 */
export * from './answer.js';
export * from './backoff.js';
export * from './call.js';
export * from './errcodes.js';
export * from './fetch-with-deadline.js';
export * from './hints.js';
export * from './json.js';
export * from './no-answer.js';
export * from './request.js';
