/**
 * The one table of WeChat's server APIs. The typed client builds its requests from it, the emulator serves its
 * paths, and the API proxy allows exactly these endpoints. Request and response types live in `endpoint-types.ts`.
 *
 * Endpoints that use neither the global token nor the user's token are rare and listed with their own `auth` kind,
 * so a reader of the table knows which credential each one needs without opening the docs.
 * @module
 */
import type { EndpointName } from './endpoint-types.js';

/**
 * How a call authenticates: `access_token` — the global token in the query; `appid+secret` — the AppID and
 * AppSecret (in the query, or in the JSON body for JSON requests); `appid` — the AppID only; `user_token` — a
 * user's web-authorization token, passed by the caller as `access_token`; `none`.
 *
 * @example
 * ```ts
 * endpoints['oauth.accessToken'].auth; // 'appid+secret'
 * ```
 */
export type AuthKind = 'access_token' | 'appid+secret' | 'appid' | 'user_token' | 'none';

/**
 * Where the request's fields go: nowhere, the query string, a JSON body, or a multipart form (file in `media`).
 *
 * @example
 * ```ts
 * endpoints['media.upload'].request; // 'multipart'
 * ```
 */
export type RequestKind = 'none' | 'query' | 'json' | 'multipart';

/**
 * What comes back: JSON; a file (or a JSON error, told apart by content type); or a file that is JSON with a URL
 * for videos (media/get).
 *
 * @example
 * ```ts
 * endpoints['media.get'].response; // 'json-with-video-url'
 * ```
 */
export type ResponseKind = 'json' | 'binary-or-json' | 'json-with-video-url';

/**
 * One row of the table.
 *
 * @example
 * ```ts
 * const spec: EndpointSpec = endpoints['menu.create'];
 * console.log(spec.method, spec.path); // POST /cgi-bin/menu/create
 * ```
 */
export interface EndpointSpec<N extends EndpointName = EndpointName> {
  readonly name: N;
  readonly method: 'GET' | 'POST';
  /** Path on the API origin, without a query string. */
  readonly path: string;
  readonly auth: AuthKind;
  readonly request: RequestKind;
  readonly response: ResponseKind;
  /** Request fields that travel in the query string although the body is JSON or multipart. */
  readonly query?: readonly string[];
  /** Query parameters the endpoint always takes, e.g. `grant_type`. */
  readonly fixedQuery?: Readonly<Record<string, string>>;
  /** JSON body fields the endpoint always takes (stable_token's `grant_type`, which it reads only from the body). */
  readonly fixedBody?: Readonly<Record<string, string>>;
  /** Query name of the AppSecret for `appid+secret` endpoints; `secret` unless stated. */
  readonly secretParam?: string;
  /** Request fields WeChat wants as bare JSON integers although they are 64-bit ids (sent as strings by callers). */
  readonly integerFields?: readonly string[];
  /** Repeating the call has no further effect, so network failures and `-1` may be retried. */
  readonly idempotent: boolean;
  /** Whether the API proxy forwards it (not the token endpoints, nor AppSecret-based quota clearing). */
  readonly proxied: boolean;
  /** The official documentation page. */
  readonly doc: string;
}

type Row = Omit<EndpointSpec, 'name'>;
type Extra = Partial<Omit<Row, 'method' | 'path' | 'doc'>>;

// WeChat's per-endpoint pages (service accounts): each carries its endpoint's own error codes.
const API_DOC = 'https://developers.weixin.qq.com/doc/service/api/';

// Defaults: the global token, JSON in and out; GETs are reads (idempotent), POSTs are not unless stated.
const get = (path: string, doc: string, extra: Extra = {}): Row => ({
  method: 'GET',
  path,
  auth: 'access_token',
  request: 'none',
  response: 'json',
  idempotent: true,
  proxied: true,
  doc,
  ...extra,
});
const post = (path: string, doc: string, extra: Extra = {}): Row => ({
  ...get(path, doc),
  method: 'POST',
  request: 'json',
  idempotent: false,
  ...extra,
});
const read = { idempotent: true } as const;

const MENU = `${API_DOC}custommenu/`;
const MEDIA = `${API_DOC}material/temporary/`;
const MATERIAL = `${API_DOC}material/permanent/`;
const USER_INFO = `${API_DOC}usermanage/userinfo/`;
const TAG = `${API_DOC}usermanage/tag/`;
const MASS = `${API_DOC}notify/message/`;
const DRAFT = `${API_DOC}draftbox/draftmanage/`;
const PUB = `${API_DOC}public/`;
const OAUTH = `${API_DOC}webdev/access/`;
const KF = `${API_DOC}customer/servicermanage/`;
const KF_SESSION = `${API_DOC}customer/messctrl/`;
const TEMPLATE = `${API_DOC}notify/template/`;

const rows: { readonly [N in EndpointName]: Row } = {
  'token.get': get('/cgi-bin/token', `${API_DOC}base/api_getaccesstoken.html`, {
    auth: 'appid+secret',
    fixedQuery: { grant_type: 'client_credential' },
    // Each call rotates the token: never repeat it blindly, and never let proxy callers trigger it.
    idempotent: false,
    proxied: false,
  }),
  'token.stable': post('/cgi-bin/stable_token', `${API_DOC}base/api_getstableaccesstoken.html`, {
    auth: 'appid+secret',
    fixedBody: { grant_type: 'client_credential' },
    proxied: false,
  }),

  'menu.create': post('/cgi-bin/menu/create', `${MENU}api_createcustommenu.html`, read),
  'menu.get': get('/cgi-bin/menu/get', `${MENU}api_getmenu.html`),
  'menu.delete': get('/cgi-bin/menu/delete', `${MENU}api_deletemenu.html`),
  'menu.selfMenuInfo': get('/cgi-bin/get_current_selfmenu_info', `${MENU}api_getcurrentselfmenuinfo.html`),
  'menu.addConditional': post('/cgi-bin/menu/addconditional', `${MENU}api_addconditionalmenu.html`),
  'menu.delConditional': post('/cgi-bin/menu/delconditional', `${MENU}api_deleteconditionalmenu.html`, read),
  'menu.tryMatch': post('/cgi-bin/menu/trymatch', `${MENU}api_trymatchmenu.html`, read),

  'media.upload': post('/cgi-bin/media/upload', `${MEDIA}api_uploadtempmedia.html`, {
    request: 'multipart',
    query: ['type'],
  }),
  'media.get': get('/cgi-bin/media/get', `${MEDIA}api_getmedia.html`, {
    request: 'query',
    response: 'json-with-video-url',
  }),
  'media.getJssdk': get('/cgi-bin/media/get/jssdk', `${MEDIA}api_gethdvoice.html`, {
    request: 'query',
    response: 'binary-or-json',
  }),
  'media.uploadImg': post('/cgi-bin/media/uploadimg', `${MATERIAL}api_uploadimage.html`, {
    request: 'multipart',
  }),

  'material.add': post('/cgi-bin/material/add_material', `${MATERIAL}api_addmaterial.html`, {
    request: 'multipart',
    query: ['type'],
  }),
  // JSON for news and video material, the file for everything else.
  'material.get': post('/cgi-bin/material/get_material', `${MATERIAL}api_getmaterial.html`, {
    ...read,
    response: 'binary-or-json',
  }),
  'material.delete': post('/cgi-bin/material/del_material', `${MATERIAL}api_delmaterial.html`, read),
  'material.count': get('/cgi-bin/material/get_materialcount', `${MATERIAL}api_getmaterialcount.html`),
  'material.batchGet': post(
    '/cgi-bin/material/batchget_material',
    `${MATERIAL}api_batchgetmaterial.html`,
    read,
  ),

  'customService.send': post(
    '/cgi-bin/message/custom/send',
    `${API_DOC}customer/message/api_sendcustommessage.html`,
  ),
  'customService.typing': post(
    '/cgi-bin/message/custom/typing',
    `${API_DOC}customer/message/api_typing.html`,
    read,
  ),
  // Account management lives under /customservice/ (not /cgi-bin/), except the two lists.
  'customService.addAccount': post('/customservice/kfaccount/add', `${KF}api_addkfaccount.html`),
  'customService.updateAccount': post(
    '/customservice/kfaccount/update',
    `${KF}api_updatekfaccount.html`,
    read,
  ),
  'customService.deleteAccount': post('/customservice/kfaccount/del', `${KF}api_delkfaccount.html`, read),
  // Sends an invitation to the worker's WeChat: never repeated blindly.
  'customService.inviteWorker': post('/customservice/kfaccount/inviteworker', `${KF}api_invitekfworker.html`),
  'customService.uploadHeadImage': post(
    '/customservice/kfaccount/uploadheadimg',
    `${KF}api_uploadkfheadimg.html`,
    {
      ...read,
      request: 'multipart',
      query: ['kf_account'],
    },
  ),
  'customService.listAccounts': get('/cgi-bin/customservice/getkflist', `${KF}api_getkflist.html`),
  'customService.listOnlineAccounts': get(
    '/cgi-bin/customservice/getonlinekflist',
    `${KF}api_getonlinekflist.html`,
  ),
  // Creating a session that exists already answers 0, so a retry is harmless.
  'customService.createSession': post(
    '/customservice/kfsession/create',
    `${KF_SESSION}api_createkfsession.html`,
    read,
  ),
  'customService.closeSession': post(
    '/customservice/kfsession/close',
    `${KF_SESSION}api_closesession.html`,
    read,
  ),
  'customService.getSession': get(
    '/customservice/kfsession/getsession',
    `${KF_SESSION}api_getkfsession.html`,
    {
      request: 'query',
    },
  ),
  'customService.listSessions': get(
    '/customservice/kfsession/getsessionlist',
    `${KF_SESSION}api_getkfsessionlist.html`,
    { request: 'query' },
  ),
  'customService.listWaitingSessions': get(
    '/customservice/kfsession/getwaitcase',
    `${KF_SESSION}api_getwaitcase.html`,
  ),
  'customService.getMessageRecords': post(
    '/customservice/msgrecord/getmsglist',
    `${API_DOC}customer/message/api_getmsglist.html`,
    { ...read, integerFields: ['msgid'] },
  ),

  'template.send': post('/cgi-bin/message/template/send', `${TEMPLATE}api_sendtemplatemessage.html`),
  'template.list': get('/cgi-bin/template/get_all_private_template', `${TEMPLATE}api_getalltemplates.html`),
  'template.delete': post(
    '/cgi-bin/template/del_private_template',
    `${TEMPLATE}api_deletetemplate.html`,
    read,
  ),
  // The industry may change once a month, and each change uses that chance: never repeated automatically.
  'template.setIndustry': post('/cgi-bin/template/api_set_industry', `${TEMPLATE}api_setindustry.html`),
  'template.getIndustry': get('/cgi-bin/template/get_industry', `${TEMPLATE}api_getindustry.html`),
  'template.add': post('/cgi-bin/template/api_add_template', `${TEMPLATE}api_addtemplate.html`),
  'subscribe.send': post(
    '/cgi-bin/message/subscribe/bizsend',
    `${API_DOC}notify/notify/api_sendnewsubscribemsg.html`,
  ),

  'mass.sendAll': post('/cgi-bin/message/mass/sendall', `${MASS}api_sendall.html`),
  'mass.send': post('/cgi-bin/message/mass/send', `${MASS}api_masssend.html`),
  'mass.preview': post('/cgi-bin/message/mass/preview', `${MASS}api_preview.html`),
  'mass.delete': post('/cgi-bin/message/mass/delete', `${MASS}api_deletemassmsg.html`, {
    ...read,
    integerFields: ['msg_id'],
  }),
  'mass.get': post('/cgi-bin/message/mass/get', `${MASS}api_massmsgget.html`, read),

  'user.info': get('/cgi-bin/user/info', `${USER_INFO}api_userinfo.html`, {
    request: 'query',
  }),
  'user.batchGet': post('/cgi-bin/user/info/batchget', `${USER_INFO}api_batchuserinfo.html`, read),
  'user.list': get('/cgi-bin/user/get', `${USER_INFO}api_getfans.html`, { request: 'query' }),
  'user.updateRemark': post('/cgi-bin/user/info/updateremark', `${USER_INFO}api_updateremark.html`, read),

  'tag.create': post('/cgi-bin/tags/create', `${TAG}api_createtag.html`),
  'tag.list': get('/cgi-bin/tags/get', `${TAG}api_gettags.html`),
  'tag.update': post('/cgi-bin/tags/update', `${TAG}api_updatetag.html`, read),
  'tag.delete': post('/cgi-bin/tags/delete', `${TAG}api_deletetag.html`, read),
  'tag.members': post('/cgi-bin/user/tag/get', `${TAG}api_gettagfans.html`, read),
  'tag.batchTagging': post('/cgi-bin/tags/members/batchtagging', `${TAG}api_batchtagging.html`, read),
  'tag.batchUntagging': post('/cgi-bin/tags/members/batchuntagging', `${TAG}api_batchuntagging.html`, read),
  'tag.idList': post('/cgi-bin/tags/getidlist', `${TAG}api_gettagidlist.html`, read),

  'blacklist.get': post('/cgi-bin/tags/members/getblacklist', `${USER_INFO}api_getblacklist.html`, read),
  'blacklist.batchBlacklist': post(
    '/cgi-bin/tags/members/batchblacklist',
    `${USER_INFO}api_batchblacklist.html`,
    read,
  ),
  'blacklist.batchUnblacklist': post(
    '/cgi-bin/tags/members/batchunblacklist',
    `${USER_INFO}api_batchunblacklist.html`,
    read,
  ),

  'qrcode.create': post('/cgi-bin/qrcode/create', `${API_DOC}qrcode/qrcodes/api_createqrcode.html`),

  // A code is single-use (40163 on a second exchange), so the exchange is never repeated.
  'oauth.accessToken': get('/sns/oauth2/access_token', `${OAUTH}api_snsaccesstoken.html`, {
    auth: 'appid+secret',
    request: 'query',
    fixedQuery: { grant_type: 'authorization_code' },
    idempotent: false,
  }),
  'oauth.refreshToken': get('/sns/oauth2/refresh_token', `${OAUTH}api_snsrefreshtoken.html`, {
    auth: 'appid',
    request: 'query',
    fixedQuery: { grant_type: 'refresh_token' },
  }),
  'oauth.userInfo': get('/sns/userinfo', `${OAUTH}api_snsuserinfo.html`, {
    auth: 'user_token',
    request: 'query',
  }),
  'oauth.auth': get('/sns/auth', `${OAUTH}api_snsauth.html`, { auth: 'user_token', request: 'query' }),

  'jssdk.getTicket': get('/cgi-bin/ticket/getticket', `${API_DOC}webdev/jssdk/api_getticket.html`, {
    request: 'query',
  }),

  'draft.add': post('/cgi-bin/draft/add', `${DRAFT}api_draft_add.html`),
  'draft.get': post('/cgi-bin/draft/get', `${DRAFT}api_getdraft.html`, read),
  'draft.delete': post('/cgi-bin/draft/delete', `${DRAFT}api_draft_delete.html`, read),
  'draft.update': post('/cgi-bin/draft/update', `${DRAFT}api_draft_update.html`, read),
  'draft.count': get('/cgi-bin/draft/count', `${DRAFT}api_draft_count.html`),
  'draft.batchGet': post('/cgi-bin/draft/batchget', `${DRAFT}api_draft_batchget.html`, read),

  'publish.submit': post('/cgi-bin/freepublish/submit', `${PUB}api_freepublish_submit.html`),
  'publish.get': post('/cgi-bin/freepublish/get', `${PUB}api_freepublish_get.html`, read),
  'publish.delete': post('/cgi-bin/freepublish/delete', `${PUB}api_freepublishdelete.html`, read),
  'publish.getArticle': post('/cgi-bin/freepublish/getarticle', `${PUB}api_freepublishgetarticle.html`, read),
  'publish.batchGet': post('/cgi-bin/freepublish/batchget', `${PUB}api_freepublish_batchget.html`, read),

  'misc.callbackIp': get('/cgi-bin/getcallbackip', `${API_DOC}base/api_getcallbackip.html`),
  'misc.apiDomainIp': get('/cgi-bin/get_api_domain_ip', `${API_DOC}base/api_getapidomainip.html`),
  // Each reset uses one of 10 per month: never repeated automatically.
  'misc.clearQuota': post('/cgi-bin/clear_quota', `${API_DOC}apimanage/api_clearquota.html`),
  'misc.clearQuotaV2': post('/cgi-bin/clear_quota/v2', `${API_DOC}apimanage/api_clearquotabyappsecret.html`, {
    auth: 'appid+secret',
    request: 'none',
    secretParam: 'appsecret',
    proxied: false,
  }),
  'misc.quotaGet': post('/cgi-bin/openapi/quota/get', `${API_DOC}apimanage/api_getapiquota.html`, read),
  'misc.ridGet': post('/cgi-bin/openapi/rid/get', `${API_DOC}apimanage/api_getridinfo.html`, read),
  'misc.callbackCheck': post('/cgi-bin/callback/check', `${API_DOC}base/api_callbackcheck.html`, read),
};

/**
 * Every endpoint, keyed by name; plain frozen data, so the emulator and the proxy can iterate it.
 *
 * @example
 * ```ts
 * for (const spec of Object.values(endpoints)) console.log(spec.method, spec.path, spec.doc);
 * ```
 */
export const endpoints = Object.freeze(
  Object.fromEntries(Object.entries(rows).map(([name, row]) => [name, Object.freeze({ name, ...row })])) as {
    readonly [N in EndpointName]: EndpointSpec<N>;
  },
);

const byRoute = new Map(Object.values(endpoints).map((spec) => [`${spec.method} ${spec.path}`, spec]));

/**
 * Finds the endpoint served at `method path` (path without query string), or `undefined`.
 *
 * @example
 * ```ts
 * endpointByPath('POST', '/cgi-bin/menu/create')?.name; // 'menu.create'
 * endpointByPath('GET', '/cgi-bin/menu/create'); // undefined
 * ```
 */
export function endpointByPath(method: string, path: string): EndpointSpec | undefined {
  return byRoute.get(`${method.toUpperCase()} ${path}`);
}

/**
 * Whether `name` is an endpoint of the table (for names typed by people, e.g. in the CLI).
 *
 * @example
 * ```ts
 * isEndpointName('menu.get'); // true
 * ```
 */
export function isEndpointName(name: string): name is EndpointName {
  return Object.hasOwn(endpoints, name);
}
