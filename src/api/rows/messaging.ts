/**
 * Rows of the endpoints that reach fans: customer service (messages, kf accounts, sessions, records), template
 * messages, subscription notifications and mass messages.
 * @module
 */
import { API_DOC, get, post, read, type RowsOf } from './row.js';

const KF = `${API_DOC}customer/servicermanage/`;
const KF_SESSION = `${API_DOC}customer/messctrl/`;
const TEMPLATE = `${API_DOC}notify/template/`;
const NOTIFY = `${API_DOC}notify/notify/`;
const MASS = `${API_DOC}notify/message/`;

/**
 * The customer-service rows.
 *
 * @example
 * ```ts
 * customServiceRows['customService.deleteAccount'].echoQuery; // ['kf_account']
 * ```
 */
export const customServiceRows = {
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
  // The page reads kf_account from the query, other SDKs send it in the body: both are sent, the emulator reads either.
  'customService.deleteAccount': post('/customservice/kfaccount/del', `${KF}api_delkfaccount.html`, {
    ...read,
    echoQuery: ['kf_account'],
  }),
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
} satisfies RowsOf<'customService'>;

/**
 * The template, subscription-notification and mass-message rows.
 *
 * @example
 * ```ts
 * notificationRows['subscribe.getCategory'].path; // '/wxaapi/newtmpl/getcategory'
 * ```
 */
export const notificationRows = {
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
  'template.queryBlocked': post('/wxa/sec/queryblocktmplmsg', `${TEMPLATE}api_queryblocktmplmsg.html`, read),

  'subscribe.send': post('/cgi-bin/message/subscribe/bizsend', `${NOTIFY}api_sendnewsubscribemsg.html`),
  'subscribe.getCategory': get('/wxaapi/newtmpl/getcategory', `${NOTIFY}api_getcategory.html`),
  'subscribe.getPubTemplateTitles': get(
    '/wxaapi/newtmpl/getpubtemplatetitles',
    `${NOTIFY}api_getpubnewtemplatetitles.html`,
    { request: 'query' },
  ),
  'subscribe.getPubTemplateKeywords': get(
    '/wxaapi/newtmpl/getpubtemplatekeywords',
    `${NOTIFY}api_getpubnewtemplatekeywords.html`,
    { request: 'query' },
  ),
  'subscribe.addTemplate': post('/wxaapi/newtmpl/addtemplate', `${NOTIFY}api_addwxanewtemplate.html`),
  'subscribe.listTemplates': get('/wxaapi/newtmpl/gettemplate', `${NOTIFY}api_getwxapubnewtemplate.html`),
  'subscribe.deleteTemplate': post(
    '/wxaapi/newtmpl/deltemplate',
    `${NOTIFY}api_delwxanewtemplate.html`,
    read,
  ),
  'subscribe.sendOneTime': post(
    '/cgi-bin/message/template/subscribe',
    `${API_DOC}notify/subscribe/api_templatesubscribe.html`,
  ),

  'mass.sendAll': post('/cgi-bin/message/mass/sendall', `${MASS}api_sendall.html`),
  'mass.send': post('/cgi-bin/message/mass/send', `${MASS}api_masssend.html`),
  'mass.preview': post('/cgi-bin/message/mass/preview', `${MASS}api_preview.html`),
  'mass.delete': post('/cgi-bin/message/mass/delete', `${MASS}api_deletemassmsg.html`, {
    ...read,
    integerFields: ['msg_id'],
  }),
  'mass.get': post('/cgi-bin/message/mass/get', `${MASS}api_massmsgget.html`, read),
  'mass.getSpeed': post('/cgi-bin/message/mass/speed/get', `${MASS}api_getspeed.html`, read),
  'mass.setSpeed': post('/cgi-bin/message/mass/speed/set', `${MASS}api_setspeed.html`, read),
  // Not in the current service-account index (it has no page of its own there): the mass-send pages of the
  // Official Account docs still describe this step for `mpvideo`, so the older page is linked.
  'mass.uploadVideo': post(
    '/cgi-bin/media/uploadvideo',
    'https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html',
  ),
} satisfies RowsOf<'template' | 'subscribe' | 'mass'>;
