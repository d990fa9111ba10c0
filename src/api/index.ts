/**
 * The WeChat server-API client: one typed endpoint table, the client, its retry rules and error hints, and the
 * request/response types of every group.
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
export { createApiClient, type ApiClientOptions, type WeChatClient } from './client.js';
export {
  CLIENT_HELPERS,
  type ApiGroupName,
  type ApiGroups,
  type ClientHelper,
  type ClientMethodName,
} from './resources/groups.js';
export {
  endpoints,
  endpointByPath,
  isEndpointName,
  type AuthKind,
  type EndpointSpec,
  type RequestKind,
  type ResponseKind,
} from './endpoints.js';
export type { EndpointName, EndpointRequest, EndpointResponse, EndpointTypes } from './endpoint-types.js';
export { decideRetry, DEFAULT_RETRY_POLICY } from './retry.js';
export type { AttemptOutcome, RetryDecision, RetryPolicy, RetryState } from './retry.js';
export { executeWithRetry, type AttemptResult, type ExecuteOptions } from './execute.js';
// The shared layer for talking to WeChat (src/wechat-http), as the API client's users know it.
export {
  backoffDelay,
  TOKEN_ERRCODES,
  SYSTEM_BUSY,
  isNoAnswer,
  hintFor,
  hintedErrcodes,
  parseJson,
  stringifyJson,
  isJsonContentType,
  ID_FIELDS,
} from '../wechat-http/index.js';
export { validateMenu, validateConditionalMenu } from './menu-rules.js';
export { MENU_LIMITS, MENU_RULES, type MenuRuleName } from './menu-rule-table.js';
export { buildAuthorizeUrl, type AuthorizeUrlOptions, type OAuthApi } from './resources/oauth.js';
export { qrcodeImageUrl, type QrcodeApi } from './resources/qrcode.js';
export type { JssdkApi, WxConfig, WxConfigOptions } from './resources/jssdk.js';
export type { CallArgs, CallFn, TicketProvider } from './resources/context.js';
export type { MenuApi } from './resources/menu.js';
export type { MediaApi } from './resources/media.js';
export type { MaterialApi } from './resources/material.js';
export type { CustomServiceApi } from './resources/custom-service.js';
export type { TemplateApi } from './resources/template.js';
export type { SubscribeApi } from './resources/subscribe.js';
export type { MassApi } from './resources/mass.js';
export type { UserApi } from './resources/user.js';
export type { TagApi } from './resources/tag.js';
export type { BlacklistApi } from './resources/blacklist.js';
export type { DraftApi } from './resources/draft.js';
export type { PublishApi } from './resources/publish.js';
export type { MiscApi } from './resources/misc.js';
export * from './types/common.js';
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
