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

// Request and response types, by API group.
export { isFileResponse } from './types/common.js';
export type { BaseResponse, FileResponse, Id64, Io, OpenidPage, UploadFile } from './types/common.js';
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
  BlockedTemplateMessage,
  BlockedTemplateRequest,
  BlockedTemplateResponse,
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
  MassSpeed,
  MassVideoRequest,
  MassVideoResponse,
} from './types/mass.js';
export type {
  BatchTaggingRequest,
  BlacklistGetRequest,
  ChangeOpenidRequest,
  ChangeOpenidResponse,
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
export type {
  AddSubscribeTemplateRequest,
  OneTimeSubscribeRequest,
  PubTemplateKeyword,
  PubTemplateTitle,
  PubTemplateTitlesRequest,
  SubscribeCategory,
  SubscribeEndpoints,
  SubscribeTemplate,
} from './types/subscribe.js';
export type {
  ArticleMetrics,
  ArticleSummaryRow,
  ArticleTotalRow,
  DatacubeEndpoints,
  DatacubeList,
  DateRange,
  DelayedList,
  InterfaceSummaryRow,
  UpstreamMsgDistRow,
  UpstreamMsgRow,
  UserCumulateRow,
  UserReadRow,
  UserShareRow,
  UserSummaryRow,
} from './types/datacube.js';
export type {
  ArticleReadRow,
  ArticleShareRow,
  ArticleTotalDetailRow,
  BizSummaryRow,
  ContentMetrics,
  ReadUserSource,
} from './types/datacube-content.js';
export type {
  ArticleComment,
  CommentArticle,
  CommentEndpoints,
  CommentListRequest,
  CommentListResponse,
  CommentReplyRequest,
  CommentTarget,
} from './types/comment.js';
export type { ShortKeyData, ShortKeyEndpoints, ShortKeyGenerateRequest } from './types/short-key.js';
export type { AutoReply, AutoReplyEndpoints, AutoReplyInfo, KeywordRule } from './types/autoreply.js';
export type {
  AiCropResult,
  BankCardResult,
  BizLicenseResult,
  CommResult,
  DrivingLicenseResult,
  DrivingResult,
  IdCardResult,
  ImageInput,
  ImgSize,
  MenuOcrResult,
  OcrEndpoints,
  Point,
  QrcodeScanResult,
  Quad,
} from './types/ocr.js';
export type {
  AiEndpoints,
  AiLanguage,
  SubmitVoiceRequest,
  TranslateRequest,
  TranslateResponse,
  VoiceResultRequest,
} from './types/ai.js';
export type {
  QrcodeJumpAddRequest,
  QrcodeJumpEndpoints,
  QrcodeJumpGetRequest,
  QrcodeJumpGetResponse,
  QrcodeJumpRule,
} from './types/qrcode-jump.js';
