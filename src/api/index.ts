/**
 * `wxmp/api`: the client of WeChat's server APIs — the client and its options, the API groups, the endpoint table,
 * the menu checks, and the request and response types of every endpoint.
 *
 * The exports are named one by one, but for the request and response types, re-exported whole from `types/` (one
 * file per group, public types only); `test/unit/public-surface.test.ts` holds the list. How a call is made stays
 * inside: the retry rule (`retry.ts`), the attempt loop (`execute.ts`) and the shared layer for talking to WeChat
 * (`src/wechat-http`: JSON with 64-bit ids, errcode hints, backoff).
 *
 * @example
 * ```ts
 * import { createApiClient } from 'wxmp/api';
 * import { createTokenManager } from 'wxmp/token';
 * const tokenProvider = createTokenManager({ appId: 'wx1234567890abcdef', appSecret: process.env.WECHAT_APPSECRET! });
 * const client = createApiClient({ tokenProvider });
 * const { menu } = await client.menu.get();
 * ```
 * @module
 */

// The client: one per account. `retry` tunes the backoff of its retries (a `RetryPolicy`, by default
// `DEFAULT_RETRY_POLICY`); `ticketProvider` supplies the JS-SDK ticket (the token module's `createTicketManager`).
export { createApiClient, type ApiClientOptions, type RequestArgs, type WeChatClient } from './client.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
export type { BackoffPolicy } from '../wechat-http/backoff.js';
export type { CallArgs, CallFn, TicketProvider } from './resources/context.js';

// The API groups: `client.menu`, `client.user`, … (one file per group in `resources/`).
export type { ApiGroupName, ApiGroups } from './resources/groups.js';
export type { AutoReplyApi } from './resources/auto-reply.js';
export type { BlacklistApi } from './resources/blacklist.js';
export type { CommentApi } from './resources/comment.js';
export type { CustomServiceApi } from './resources/custom-service.js';
export type { DatacubeApi } from './resources/datacube.js';
export type { DraftApi } from './resources/draft.js';
export type { AiApi } from './resources/ai.js';
export type { ImgApi } from './resources/img.js';
export type { JssdkApi, WxConfig, WxConfigOptions } from './resources/jssdk.js';
export type { MassApi } from './resources/mass.js';
export type { MaterialApi } from './resources/material.js';
export type { MediaApi } from './resources/media.js';
export type { MenuApi } from './resources/menu.js';
export type { MiscApi } from './resources/misc.js';
export type { OcrApi } from './resources/ocr.js';
export type { QrcodeJumpApi } from './resources/qrcode-jump.js';
export type { PublishApi } from './resources/publish.js';
export type { ShortKeyApi } from './resources/short-key.js';
export type { SubscribeApi } from './resources/subscribe.js';
export type { TagApi } from './resources/tag.js';
export type { TemplateApi } from './resources/template.js';
export type { UserApi } from './resources/user.js';

// URLs built without a call (and so without a token): the web-authorization page, a QR code's image, and the
// one-time subscription consent page.
export { buildAuthorizeUrl, type AuthorizeUrlOptions, type OAuthApi } from './resources/oauth.js';
export { qrcodeImageUrl, type QrcodeApi } from './resources/qrcode.js';
export { buildSubscribeConsentUrl, type SubscribeConsentOptions } from './resources/subscribe-consent.js';

// The endpoint table: every endpoint by name (`client.call`), or picked at run time (`client.request`).
export {
  endpointByPath,
  endpoints,
  isEndpointName,
  type AuthKind,
  type EndpointSpec,
  type RawBody,
  type RequestKind,
  type ResponseKind,
  type WireSpec,
} from './endpoints.js';
export type { EndpointName, EndpointRequest, EndpointResponse, EndpointTypes } from './endpoint-types.js';

// An endpoint outside the table: described once with its types, sent by `client.request` under the same rules.
export { defineEndpoint, type CustomEndpoint, type CustomEndpointOptions } from './custom-endpoint.js';

// Statistics: the most days each `/datacube/*` call covers, checked before a range is sent.
export { checkDateRange, DATACUBE_SPANS, type DatacubeName } from './datacube-rules.js';

// Menus: WeChat's limits, checked before a menu is sent (`client.menu.create` runs the same checks).
export { validateConditionalMenu, validateMenu } from './menu-rules.js';
export { MENU_LIMITS } from './menu-rule-table.js';

// Request and response types, by API group: each file of `types/` holds the public types of its group and nothing
// else, so it is re-exported whole (one list of names, there; `public-surface.json` shows any change).
export { isFileResponse } from './types/common.js';
export type * from './types/common.js';
export type * from './types/menu.js';
export type * from './types/media.js';
export type * from './types/message.js';
export type * from './types/kf.js';
export type * from './types/template.js';
export type * from './types/mass.js';
export type * from './types/user.js';
export type * from './types/qrcode.js';
export type * from './types/oauth.js';
export type * from './types/jssdk.js';
export type * from './types/draft.js';
export type * from './types/misc.js';
export type * from './types/subscribe.js';
export type * from './types/datacube.js';
export type * from './types/datacube-content.js';
export type * from './types/comment.js';
export type * from './types/short-key.js';
export type * from './types/autoreply.js';
export type * from './types/ocr.js';
export type * from './types/ai.js';
export type * from './types/qrcode-jump.js';
