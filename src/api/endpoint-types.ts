/**
 * Request and response types of every endpoint, keyed by its name in the table, so that
 * `client.call('menu.create', body)` is checked against the endpoint's own shapes.
 * @module
 */
import type { BaseResponse, Io, OpenidPage } from './types/common.js';
import type { AiEndpoints } from './types/ai.js';
import type { AutoReplyEndpoints } from './types/autoreply.js';
import type { CommentEndpoints } from './types/comment.js';
import type { DatacubeEndpoints } from './types/datacube.js';
import type { OcrEndpoints } from './types/ocr.js';
import type { QrcodeJumpEndpoints } from './types/qrcode-jump.js';
import type { ShortKeyEndpoints } from './types/short-key.js';
import type { SubscribeEndpoints } from './types/subscribe.js';
import type {
  ConditionalMenu,
  Menu,
  MenuGetResponse,
  SelfMenuInfoResponse,
  MenuButton,
} from './types/menu.js';
import type {
  MaterialAddRequest,
  MaterialAddResponse,
  MaterialBatchGetRequest,
  MaterialBatchGetResponse,
  MaterialCountResponse,
  MaterialGetResponse,
  MediaGetResponse,
  MediaIdRequest,
  MediaUploadRequest,
  MediaUploadResponse,
  UploadImageRequest,
  UploadImageResponse,
} from './types/media.js';
import type { FileResponse } from './types/common.js';
import type { CustomMessage, TypingRequest } from './types/message.js';
import type {
  KfAccountName,
  KfAccountRequest,
  KfHeadImageRequest,
  KfInviteRequest,
  KfListResponse,
  KfMsgListRequest,
  KfMsgListResponse,
  KfOnlineListResponse,
  KfSessionListResponse,
  KfSessionRequest,
  KfSessionState,
  KfWaitCaseResponse,
} from './types/kf.js';
import type {
  AddTemplateRequest,
  AddTemplateResponse,
  IndustryResponse,
  BlockedTemplateRequest,
  BlockedTemplateResponse,
  SetIndustryRequest,
  TemplateDeleteRequest,
  TemplateListResponse,
  TemplateSendRequest,
  TemplateSendResponse,
} from './types/template.js';
import type {
  MassDeleteRequest,
  MassGetRequest,
  MassGetResponse,
  MassPreviewRequest,
  MassSendAllRequest,
  MassSendRequest,
  MassSendResponse,
  MassSpeed,
  MassVideoRequest,
  MassVideoResponse,
} from './types/mass.js';
import type {
  BatchTaggingRequest,
  BlacklistGetRequest,
  ChangeOpenidRequest,
  ChangeOpenidResponse,
  OpenidListRequest,
  OpenidRequest,
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
  UserListRequest,
} from './types/user.js';
import type { QrcodeCreateRequest, QrcodeCreateResponse } from './types/qrcode.js';
import type {
  OAuthCodeRequest,
  OAuthRefreshRequest,
  OAuthToken,
  OAuthUserInfo,
  OAuthUserRequest,
} from './types/oauth.js';
import type { TicketRequest, TicketResponse } from './types/jssdk.js';
import type {
  ArticleIdRequest,
  DraftAddRequest,
  DraftAddResponse,
  DraftBatchGetResponse,
  DraftCountResponse,
  DraftUpdateRequest,
  NewsItemsResponse,
  PageRequest,
  PublishBatchGetResponse,
  PublishDeleteRequest,
  PublishGetResponse,
  PublishIdRequest,
  PublishSubmitResponse,
} from './types/draft.js';
import type {
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

/**
 * Request (`undefined` when the endpoint takes nothing) and response type of every endpoint; the groups added with
 * the whole service-account index keep theirs beside their types (`DatacubeEndpoints`, `CommentEndpoints`…).
 */
// Table rows: one line per endpoint, `key: Io<request, response>`, grouped by table prefix (alike by nature).
export interface EndpointTypes
  extends
    SubscribeEndpoints,
    DatacubeEndpoints,
    CommentEndpoints,
    ShortKeyEndpoints,
    AutoReplyEndpoints,
    OcrEndpoints,
    AiEndpoints,
    QrcodeJumpEndpoints {
  'token.get': Io<undefined, AccessTokenResponse>;
  'token.stable': Io<StableTokenRequest, AccessTokenResponse>;

  'menu.create': Io<Menu, BaseResponse>;
  'menu.get': Io<undefined, MenuGetResponse>;
  'menu.delete': Io<undefined, BaseResponse>;
  'menu.selfMenuInfo': Io<undefined, SelfMenuInfoResponse>;
  'menu.addConditional': Io<ConditionalMenu, BaseResponse & { menuid: string }>;
  'menu.delConditional': Io<{ menuid: string }, BaseResponse>;
  'menu.tryMatch': Io<{ user_id: string }, BaseResponse & { button: MenuButton[] }>;

  'media.upload': Io<MediaUploadRequest, MediaUploadResponse>;
  'media.get': Io<MediaIdRequest, MediaGetResponse>;
  'media.getJssdk': Io<MediaIdRequest, FileResponse>;
  'media.uploadImg': Io<UploadImageRequest, UploadImageResponse>;

  'material.add': Io<MaterialAddRequest, MaterialAddResponse>;
  'material.get': Io<MediaIdRequest, MaterialGetResponse>;
  'material.delete': Io<MediaIdRequest, BaseResponse>;
  'material.count': Io<undefined, MaterialCountResponse>;
  'material.batchGet': Io<MaterialBatchGetRequest, MaterialBatchGetResponse>;

  'customService.send': Io<CustomMessage, BaseResponse>;
  'customService.typing': Io<TypingRequest, BaseResponse>;
  'customService.addAccount': Io<KfAccountRequest, BaseResponse>;
  'customService.updateAccount': Io<KfAccountRequest, BaseResponse>;
  'customService.deleteAccount': Io<KfAccountName, BaseResponse>;
  'customService.inviteWorker': Io<KfInviteRequest, BaseResponse>;
  'customService.uploadHeadImage': Io<KfHeadImageRequest, BaseResponse>;
  'customService.listAccounts': Io<undefined, KfListResponse>;
  'customService.listOnlineAccounts': Io<undefined, KfOnlineListResponse>;
  'customService.createSession': Io<KfSessionRequest, BaseResponse>;
  'customService.closeSession': Io<KfSessionRequest, BaseResponse>;
  'customService.getSession': Io<{ openid: string }, KfSessionState>;
  'customService.listSessions': Io<KfAccountName, KfSessionListResponse>;
  'customService.listWaitingSessions': Io<undefined, KfWaitCaseResponse>;
  'customService.getMessageRecords': Io<KfMsgListRequest, KfMsgListResponse>;

  'template.send': Io<TemplateSendRequest, TemplateSendResponse>;
  'template.list': Io<undefined, TemplateListResponse>;
  'template.delete': Io<TemplateDeleteRequest, BaseResponse>;
  'template.setIndustry': Io<SetIndustryRequest, BaseResponse>;
  'template.getIndustry': Io<undefined, IndustryResponse>;
  'template.add': Io<AddTemplateRequest, AddTemplateResponse>;
  'template.queryBlocked': Io<BlockedTemplateRequest, BlockedTemplateResponse>;

  'mass.sendAll': Io<MassSendAllRequest, MassSendResponse>;
  'mass.send': Io<MassSendRequest, MassSendResponse>;
  'mass.preview': Io<MassPreviewRequest, BaseResponse & { msg_id?: string }>;
  'mass.delete': Io<MassDeleteRequest, BaseResponse>;
  'mass.get': Io<MassGetRequest, MassGetResponse>;
  'mass.getSpeed': Io<undefined, MassSpeed>;
  'mass.setSpeed': Io<{ speed: number }, BaseResponse>;
  'mass.uploadVideo': Io<MassVideoRequest, MassVideoResponse>;

  'user.info': Io<UserInfoRequest, UserInfo>;
  'user.batchGet': Io<UserBatchGetRequest, UserBatchGetResponse>;
  'user.list': Io<UserListRequest, OpenidPage>;
  'user.updateRemark': Io<UpdateRemarkRequest, BaseResponse>;
  'user.changeOpenid': Io<ChangeOpenidRequest, ChangeOpenidResponse>;

  'tag.create': Io<TagRequest<{ name: string }>, TagCreateResponse>;
  'tag.list': Io<undefined, TagListResponse>;
  'tag.update': Io<TagRequest<{ id: number; name: string }>, BaseResponse>;
  'tag.delete': Io<TagRequest<{ id: number }>, BaseResponse>;
  'tag.members': Io<TagMembersRequest, OpenidPage>;
  'tag.batchTagging': Io<BatchTaggingRequest, BaseResponse>;
  'tag.batchUntagging': Io<BatchTaggingRequest, BaseResponse>;
  'tag.idList': Io<OpenidRequest, TagIdListResponse>;

  'blacklist.get': Io<BlacklistGetRequest, OpenidPage>;
  'blacklist.batchBlacklist': Io<OpenidListRequest, BaseResponse>;
  'blacklist.batchUnblacklist': Io<OpenidListRequest, BaseResponse>;

  'qrcode.create': Io<QrcodeCreateRequest, QrcodeCreateResponse>;

  'oauth.accessToken': Io<OAuthCodeRequest, OAuthToken>;
  'oauth.refreshToken': Io<OAuthRefreshRequest, OAuthToken>;
  'oauth.userInfo': Io<OAuthUserRequest, OAuthUserInfo>;
  'oauth.auth': Io<Omit<OAuthUserRequest, 'lang'>, BaseResponse>;

  'jssdk.getTicket': Io<TicketRequest, TicketResponse>;

  'draft.add': Io<DraftAddRequest, DraftAddResponse>;
  'draft.get': Io<MediaIdRequest, NewsItemsResponse>;
  'draft.delete': Io<MediaIdRequest, BaseResponse>;
  'draft.update': Io<DraftUpdateRequest, BaseResponse>;
  'draft.count': Io<undefined, DraftCountResponse>;
  'draft.batchGet': Io<PageRequest, DraftBatchGetResponse>;

  'publish.submit': Io<MediaIdRequest, PublishSubmitResponse>;
  'publish.get': Io<PublishIdRequest, PublishGetResponse>;
  'publish.delete': Io<PublishDeleteRequest, BaseResponse>;
  'publish.getArticle': Io<ArticleIdRequest, NewsItemsResponse>;
  'publish.batchGet': Io<PageRequest, PublishBatchGetResponse>;

  'misc.callbackIp': Io<undefined, IpListResponse>;
  'misc.apiDomainIp': Io<undefined, IpListResponse>;
  'misc.clearQuota': Io<ClearQuotaRequest, BaseResponse>;
  'misc.clearQuotaV2': Io<undefined, BaseResponse>;
  'misc.quotaGet': Io<QuotaGetRequest, QuotaGetResponse>;
  'misc.quotaClear': Io<QuotaGetRequest, BaseResponse>;
  'misc.ridGet': Io<RidGetRequest, RidGetResponse>;
  'misc.callbackCheck': Io<CallbackCheckRequest, CallbackCheckResponse>;
}

/**
 * The name of an endpoint in the table, e.g. `'menu.create'`.
 */
export type EndpointName = keyof EndpointTypes;

/**
 * The request type of an endpoint.
 */
export type EndpointRequest<N extends EndpointName> = EndpointTypes[N]['request'];

/**
 * The response type of an endpoint.
 */
export type EndpointResponse<N extends EndpointName> = EndpointTypes[N]['response'];
