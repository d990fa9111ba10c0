/**
 * `wxmp/api`: the client of WeChat's server APIs — the client and its options, the API groups, the endpoint table,
 * the menu checks, and the request and response types of every endpoint.
 *
 * The exports are named one by one (`test/unit/public-surface.test.ts` holds the list). How a call is made stays
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
export { createApiClient, type ApiClientOptions, type WeChatClient } from './client.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
export type { BackoffPolicy } from '../wechat-http/backoff.js';
export type { CallArgs, CallFn, TicketProvider } from './resources/context.js';

// The API groups: `client.menu`, `client.user`, … (one file per group in `resources/`).
export type { ApiGroupName, ApiGroups } from './resources/groups.js';
export type { BlacklistApi } from './resources/blacklist.js';
export type { CustomServiceApi } from './resources/custom-service.js';
export type { DraftApi } from './resources/draft.js';
export type { JssdkApi, WxConfig, WxConfigOptions } from './resources/jssdk.js';
export type { MassApi } from './resources/mass.js';
export type { MaterialApi } from './resources/material.js';
export type { MediaApi } from './resources/media.js';
export type { MenuApi } from './resources/menu.js';
export type { MiscApi } from './resources/misc.js';
export type { PublishApi } from './resources/publish.js';
export type { SubscribeApi } from './resources/subscribe.js';
export type { TagApi } from './resources/tag.js';
export type { TemplateApi } from './resources/template.js';
export type { UserApi } from './resources/user.js';

// URLs built without a call (and so without a token): the web-authorization page and a QR code's image.
export { buildAuthorizeUrl, type AuthorizeUrlOptions, type OAuthApi } from './resources/oauth.js';
export { qrcodeImageUrl, type QrcodeApi } from './resources/qrcode.js';

// The endpoint table: every endpoint by name (`client.call`), or picked at run time (`client.request`).
export {
  endpointByPath,
  endpoints,
  isEndpointName,
  type AuthKind,
  type EndpointSpec,
  type RequestKind,
  type ResponseKind,
} from './endpoints.js';
export type { EndpointName, EndpointRequest, EndpointResponse, EndpointTypes } from './endpoint-types.js';

// Menus: WeChat's limits, checked before a menu is sent (`client.menu.create` runs the same checks).
export { validateConditionalMenu, validateMenu } from './menu-rules.js';
export { MENU_LIMITS } from './menu-rule-table.js';

// Request and response types, by API group.
export { isFileResponse } from './types/common.js';
export type { BaseResponse, FileResponse, Id64, OpenidPage, UploadFile } from './types/common.js';
export type {
  ConditionalMenu,
  Menu,
  MenuButton,
  MenuButtonType,
  MenuGetResponse,
  MenuLeafButton,
  MenuMatchRule,
  MenuParentButton,
  ReportedMenuMatchRule,
  SelfMenuButton,
  SelfMenuInfoResponse,
} from './types/menu.js';
export type {
  MaterialAddRequest,
  MaterialAddResponse,
  MaterialBatchGetRequest,
  MaterialBatchGetResponse,
  MaterialCountResponse,
  MaterialGetResponse,
  MaterialNewsArticle,
  MediaGetResponse,
  MediaIdRequest,
  MediaType,
  MediaUploadRequest,
  MediaUploadResponse,
  UploadImageRequest,
  UploadImageResponse,
} from './types/media.js';
export type {
  CustomMessage,
  CustomMessagePayloads,
  CustomMessageType,
  TypingRequest,
} from './types/message.js';
export type {
  KfAccountInfo,
  KfAccountName,
  KfAccountRequest,
  KfHeadImageRequest,
  KfInviteRequest,
  KfListResponse,
  KfMsgListRequest,
  KfMsgListResponse,
  KfMsgRecord,
  KfOnlineInfo,
  KfOnlineListResponse,
  KfSessionListResponse,
  KfSessionRequest,
  KfSessionState,
  KfWaitCaseResponse,
} from './types/kf.js';
export type {
  AddTemplateRequest,
  AddTemplateResponse,
  Industry,
  IndustryResponse,
  PrivateTemplate,
  SetIndustryRequest,
  SubscribeSendRequest,
  TemplateData,
  TemplateDeleteRequest,
  TemplateListResponse,
  TemplateSendRequest,
  TemplateSendResponse,
} from './types/template.js';
export type {
  MassDeleteRequest,
  MassGetRequest,
  MassGetResponse,
  MassOptions,
  MassPayload,
  MassPreviewRequest,
  MassSendAllRequest,
  MassSendRequest,
  MassSendResponse,
} from './types/mass.js';
export type {
  BatchTaggingRequest,
  BlacklistGetRequest,
  OpenidListRequest,
  OpenidRequest,
  Tag,
  TagCreateResponse,
  TagIdListResponse,
  TagListResponse,
  TagMembersRequest,
  TagRequest,
  UpdateRemarkRequest,
  UserBatchGetRequest,
  UserBatchGetResponse,
  UserInfo,
  UserInfoRequest,
  UserLang,
  UserListRequest,
} from './types/user.js';
export type { QrcodeCreateRequest, QrcodeCreateResponse } from './types/qrcode.js';
export type {
  OAuthCodeRequest,
  OAuthRefreshRequest,
  OAuthScope,
  OAuthToken,
  OAuthUserInfo,
  OAuthUserRequest,
} from './types/oauth.js';
export type { TicketRequest, TicketResponse } from './types/jssdk.js';
export type {
  ArticleIdRequest,
  DraftAddRequest,
  DraftAddResponse,
  DraftArticle,
  DraftBatchGetResponse,
  DraftCountResponse,
  DraftUpdateRequest,
  NewsItem,
  NewsItemsResponse,
  PageRequest,
  PublishBatchGetResponse,
  PublishDeleteRequest,
  PublishGetResponse,
  PublishIdRequest,
  PublishSubmitResponse,
} from './types/draft.js';
export type {
  AccessTokenResponse,
  CallbackCheckRequest,
  CallbackCheckResponse,
  ClearQuotaRequest,
  IpListResponse,
  QuotaGetRequest,
  QuotaGetResponse,
  RidGetRequest,
  RidGetResponse,
  StableTokenRequest,
} from './types/misc.js';
