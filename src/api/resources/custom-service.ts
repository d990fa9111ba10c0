/**
 * Customer service (客服): messages sent to a user inside the customer-service window, the "typing" indicator,
 * the kf accounts (客服帐号) that answer as named agents, their sessions with fans (会话控制) and the chat records.
 * @see https://developers.weixin.qq.com/doc/service/api/customer/message/api_typing.html
 * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_addkfaccount.html
 * @module
 */
import type { UploadFile } from '../types/common.js';
import type { KfMsgListRequest } from '../types/kf.js';
import type { CustomMessage } from '../types/message.js';
import type { ResourceContext } from './context.js';

/**
 * The customer-service group of the client.
 *
 * @example
 * ```ts
 * await client.customService.send({ touser: 'OPENID', msgtype: 'image', image: { media_id: 'M' } }); // this group
 * ```
 */
export function createCustomServiceApi({ call }: ResourceContext) {
  return {
    /**
     * Sends any msgtype (POST /cgi-bin/message/custom/send). Outside the window WeChat answers 45015, past the
     * quota 45047; a send is never repeated after a timeout, since it may have gone out.
     * @see https://developers.weixin.qq.com/doc/service/api/customer/message/api_sendcustommessage.html
     */
    send(message: CustomMessage) {
      return call('customService.send', message);
    },
    /**
     * Helper (not an endpoint): sends a text message through `customService.send`; `content` may hold `<a href>`
     * links.
     * @see https://developers.weixin.qq.com/doc/service/api/customer/message/api_sendcustommessage.html
     */
    sendText(openid: string, content: string) {
      return call('customService.send', { touser: openid, msgtype: 'text', text: { content } });
    },
    /**
     * Shows (or hides) "typing…" to the user for up to ~15 s (POST /cgi-bin/message/custom/typing).
     * @see https://developers.weixin.qq.com/doc/service/api/customer/message/api_typing.html
     */
    typing(openid: string, typing = true) {
      return call('customService.typing', { touser: openid, command: typing ? 'Typing' : 'CancelTyping' });
    },
    ...createKfAccountMethods(call),
    ...createKfSessionMethods(call),
  };
}

/**
 * The type of `client.customService`.
 */
export type CustomServiceApi = ReturnType<typeof createCustomServiceApi>;

// Kf accounts: the named agents behind `customservice.kf_account` of a message.
function createKfAccountMethods(call: ResourceContext['call']) {
  return {
    /**
     * Adds a kf account (POST /customservice/kfaccount/add): `prefix@wechatid`, the prefix at most 10 letters,
     * digits or underscores; a nickname of at most 16 characters. 65406 if it exists, 65405 past 100 accounts.
     * @example
     * ```ts
     * await client.customService.addAccount('test1@mywechatid', '客服1');
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_addkfaccount.html
     */
    addAccount(kfAccount: string, nickname: string) {
      return call('customService.addAccount', { kf_account: kfAccount, nickname });
    },
    /**
     * Renames a kf account (POST /customservice/kfaccount/update).
     * @example
     * ```ts
     * await client.customService.updateAccount('test1@mywechatid', '售后客服');
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_updatekfaccount.html
     */
    updateAccount(kfAccount: string, nickname: string) {
      return call('customService.updateAccount', { kf_account: kfAccount, nickname });
    },
    /**
     * Deletes a kf account (POST /customservice/kfaccount/del); 65401 for an unknown one.
     * @example
     * ```ts
     * await client.customService.deleteAccount('test1@mywechatid');
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_delkfaccount.html
     */
    deleteAccount(kfAccount: string) {
      return call('customService.deleteAccount', { kf_account: kfAccount });
    },
    /**
     * Invites a person's WeChat to work as the kf account (POST /customservice/kfaccount/inviteworker); the account
     * serves fans once they accept. 65411 while an invitation waits, 65412 once the account is bound.
     * @example
     * ```ts
     * await client.customService.inviteWorker('test1@mywechatid', 'alice_wx');
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_invitekfworker.html
     */
    inviteWorker(kfAccount: string, inviteWx: string) {
      return call('customService.inviteWorker', { kf_account: kfAccount, invite_wx: inviteWx });
    },
    /**
     * Sets a kf account's avatar (POST /customservice/kfaccount/uploadheadimg?kf_account=…, multipart `media`,
     * within 5 MB).
     * @example
     * ```ts
     * import { readFile } from 'node:fs/promises';
     * await client.customService.uploadHeadImage('test1@mywechatid', { data: await readFile('a.jpg'), filename: 'a.jpg' });
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_uploadkfheadimg.html
     */
    uploadHeadImage(kfAccount: string, media: UploadFile) {
      return call('customService.uploadHeadImage', { kf_account: kfAccount, media });
    },
    /**
     * Lists every kf account with its avatar, bound WeChat id or open invitation (GET
     * /cgi-bin/customservice/getkflist).
     * @example
     * ```ts
     * const { kf_list } = await client.customService.listAccounts();
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_getkflist.html
     */
    listAccounts() {
      return call('customService.listAccounts');
    },
    /**
     * Lists the kf accounts online now, with the sessions each serves (GET /cgi-bin/customservice/getonlinekflist).
     * @example
     * ```ts
     * const { kf_online_list } = await client.customService.listOnlineAccounts();
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_getonlinekflist.html
     */
    listOnlineAccounts() {
      return call('customService.listOnlineAccounts');
    },
  };
}

// Sessions: which kf account serves which fan, who waits, and what was said.
function createKfSessionMethods(call: ResourceContext['call']) {
  return {
    /**
     * Hands a fan to a kf account (POST /customservice/kfsession/create); the account must be bound to a WeChat
     * (65402) and online (65415). 0 when that session exists already; 65414 when another account serves the fan.
     * @example
     * ```ts
     * await client.customService.createSession('test1@mywechatid', 'OPENID');
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/customer/messctrl/api_createkfsession.html
     */
    createSession(kfAccount: string, openid: string) {
      return call('customService.createSession', { kf_account: kfAccount, openid });
    },
    /**
     * Ends a fan's session with a kf account (POST /customservice/kfsession/close); 65413 when there is none.
     * @example
     * ```ts
     * await client.customService.closeSession('test1@mywechatid', 'OPENID');
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/customer/messctrl/api_closesession.html
     */
    closeSession(kfAccount: string, openid: string) {
      return call('customService.closeSession', { kf_account: kfAccount, openid });
    },
    /**
     * Who serves a fan (GET /customservice/kfsession/getsession?openid=…): `kf_account` is empty when nobody does.
     * @example
     * ```ts
     * const { kf_account, createtime } = await client.customService.getSession('OPENID');
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/customer/messctrl/api_getkfsession.html
     */
    getSession(openid: string) {
      return call('customService.getSession', { openid });
    },
    /**
     * The fans a kf account serves (GET /customservice/kfsession/getsessionlist?kf_account=…).
     * @example
     * ```ts
     * const { sessionlist } = await client.customService.listSessions('test1@mywechatid');
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/customer/messctrl/api_getkfsessionlist.html
     */
    listSessions(kfAccount: string) {
      return call('customService.listSessions', { kf_account: kfAccount });
    },
    /**
     * The fans waiting for a kf account, at most 100 in the order they came (GET /customservice/kfsession/getwaitcase).
     * @example
     * ```ts
     * const { count, waitcaselist } = await client.customService.listWaitingSessions();
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/customer/messctrl/api_getwaitcase.html
     */
    listWaitingSessions() {
      return call('customService.listWaitingSessions');
    },
    /**
     * Chat records of the kf accounts (POST /customservice/msgrecord/getmsglist): a period of at most 24 hours
     * (65417), from record `msgid` (the first is 1), at most 10 000 a call (65416 otherwise).
     * @example
     * ```ts
     * const request = { starttime: 1700000000, endtime: 1700003600, msgid: 1, number: 10000 };
     * const { recordlist, msgid } = await client.customService.getMessageRecords(request);
     * ```
     * @see https://developers.weixin.qq.com/doc/service/api/customer/message/api_getmsglist.html
     */
    getMessageRecords(request: KfMsgListRequest) {
      return call('customService.getMessageRecords', request);
    },
  };
}
