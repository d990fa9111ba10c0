/**
 * Rows of the account's own endpoints: tokens, menus, users, tags and the blacklist, QR codes and short keys, web
 * authorization, JS-SDK, the API management tools and the automatic replies.
 * @module
 */
import { API_DOC, get, post, read, type RowsOf } from './row.js';

const MENU = `${API_DOC}custommenu/`;
const USER_INFO = `${API_DOC}usermanage/userinfo/`;
const TAG = `${API_DOC}usermanage/tag/`;
const OAUTH = `${API_DOC}webdev/access/`;
const APIMANAGE = `${API_DOC}apimanage/`;
const QRCODE_JUMP = `${API_DOC}qrcode/qrcodejump/`;

/**
 * The token, menu, user, tag and blacklist rows.
 *
 * @example
 * ```ts
 * accountRows['menu.create'].path; // '/cgi-bin/menu/create'
 * ```
 */
export const accountRows = {
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

  'user.info': get('/cgi-bin/user/info', `${USER_INFO}api_userinfo.html`, { request: 'query' }),
  'user.batchGet': post('/cgi-bin/user/info/batchget', `${USER_INFO}api_batchuserinfo.html`, read),
  'user.list': get('/cgi-bin/user/get', `${USER_INFO}api_getfans.html`, { request: 'query' }),
  'user.updateRemark': post('/cgi-bin/user/info/updateremark', `${USER_INFO}api_updateremark.html`, read),
  'user.changeOpenid': post(
    '/cgi-bin/changeopenid',
    `${API_DOC}usermanage/changeopenid/api_changeopenid.html`,
    read,
  ),

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
} satisfies RowsOf<'token' | 'menu' | 'user' | 'tag' | 'blacklist'>;

/**
 * The QR-code, QR-code jump (扫服务号二维码打开小程序), short-key, web-authorization, JS-SDK, API-management and automatic-reply rows.
 *
 * @example
 * ```ts
 * toolRows['misc.clearQuotaV2'].secretParam; // 'appsecret'
 * ```
 */
export const toolRows = {
  'qrcode.create': post('/cgi-bin/qrcode/create', `${API_DOC}qrcode/qrcodes/api_createqrcode.html`),
  'shortKey.generate': post('/cgi-bin/shorten/gen', `${API_DOC}qrcode/shorten/api_genshortkey.html`),
  'shortKey.fetch': post('/cgi-bin/shorten/fetch', `${API_DOC}qrcode/shorten/api_fetchshorten.html`, read),
  'qrcodeJump.get': post('/cgi-bin/wxopen/qrcodejumpget', `${QRCODE_JUMP}api_qrcodejumpget.html`, read),
  // Adding twice answers 85071 (after an unknown outcome, never repeated); editing, publishing, deleting may be.
  'qrcodeJump.add': post('/cgi-bin/wxopen/qrcodejumpadd', `${QRCODE_JUMP}api_qrcodejumpadd.html`),
  'qrcodeJump.publish': post(
    '/cgi-bin/wxopen/qrcodejumppublish',
    `${QRCODE_JUMP}api_qrcodejumppublish.html`,
    read,
  ),
  'qrcodeJump.delete': post(
    '/cgi-bin/wxopen/qrcodejumpdelete',
    `${QRCODE_JUMP}api_qrcodejumpdelete.html`,
    read,
  ),

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

  'misc.callbackIp': get('/cgi-bin/getcallbackip', `${API_DOC}base/api_getcallbackip.html`),
  'misc.apiDomainIp': get('/cgi-bin/get_api_domain_ip', `${API_DOC}base/api_getapidomainip.html`),
  // Each reset uses one of 10 per month: never repeated automatically.
  'misc.clearQuota': post('/cgi-bin/clear_quota', `${APIMANAGE}api_clearquota.html`),
  // The page puts appid and appsecret in the query, other SDKs in a JSON body: both are sent (echoQuery), and the
  // emulator reads either.
  'misc.clearQuotaV2': post('/cgi-bin/clear_quota/v2', `${APIMANAGE}api_clearquotabyappsecret.html`, {
    auth: 'appid+secret',
    secretParam: 'appsecret',
    echoQuery: ['appid', 'appsecret'],
    proxied: false,
  }),
  'misc.quotaGet': post('/cgi-bin/openapi/quota/get', `${APIMANAGE}api_getapiquota.html`, read),
  // Resets one API's daily count; like clear_quota it is a limited chance, never repeated automatically.
  'misc.quotaClear': post('/cgi-bin/openapi/quota/clear', `${APIMANAGE}api_clearapiquota.html`),
  'misc.ridGet': post('/cgi-bin/openapi/rid/get', `${APIMANAGE}api_getridinfo.html`, read),
  'misc.callbackCheck': post('/cgi-bin/callback/check', `${API_DOC}base/api_callbackcheck.html`, read),

  'autoReply.getCurrent': get(
    '/cgi-bin/get_current_autoreply_info',
    `${API_DOC}notify/autoreplies/api_getcurrentautoreplyinfo.html`,
  ),
} satisfies RowsOf<'qrcode' | 'qrcodeJump' | 'shortKey' | 'oauth' | 'jssdk' | 'misc' | 'autoReply'>;
