/**
 * The typed client's customer-service and template-industry methods against the emulator, in process: the client's
 * `fetch` is the emulator app's, so every request goes through the table, the wire format and the emulator's checks.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, type WeChatClient } from '../../../../src/api/client.js';
import { WeChatApiError } from '../../../../src/errors.js';
import { acceptKfInvite, setKfOnline } from '../../../../src/emulator/platform/custom-service/accounts.js';
import { addFan, createPlatform, type Platform } from './helpers.js';

const KF = 'test1@mywechatid';
let platform: Platform;
let client: WeChatClient;

beforeEach(() => {
  platform = createPlatform();
  client = createApiClient({
    tokenProvider: { getToken: () => platform.accessToken(), invalidate: () => Promise.resolve() },
    apiBase: 'http://emulator.test',
    fetch: (input, init) => Promise.resolve(platform.app.fetch(new Request(input, init))),
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
  });
});

async function errcodeOf(call: Promise<unknown>): Promise<number | undefined> {
  const error = await call.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(WeChatApiError);
  return (error as WeChatApiError).errcode;
}

describe('client.customService kf accounts against the emulator', () => {
  it('adds, renames, lists and deletes an account', async () => {
    await client.customService.addAccount(KF, '客服1');
    await client.customService.updateAccount(KF, '售后');
    expect((await client.customService.listAccounts()).kf_list).toEqual([
      { kf_account: KF, kf_nick: '售后', kf_id: '1001', kf_headimgurl: '' },
    ]);
    await client.customService.deleteAccount(KF);
    expect((await client.customService.listAccounts()).kf_list).toEqual([]);
  });

  it('reports a duplicate account as 65406 and an unknown one as 65401', async () => {
    await client.customService.addAccount(KF, '客服1');
    expect(await errcodeOf(client.customService.addAccount(KF, '客服2'))).toBe(65406);
    expect(await errcodeOf(client.customService.deleteAccount('nobody@mywechatid'))).toBe(65401);
  });

  it('invites a worker, and refuses a second invitation while the first waits (65411)', async () => {
    await client.customService.addAccount(KF, '客服1');
    await client.customService.inviteWorker(KF, 'alice_wx');
    expect((await client.customService.listAccounts()).kf_list[0]).toMatchObject({
      invite_wx: 'alice_wx',
      invite_status: 'waiting',
    });
    expect(await errcodeOf(client.customService.inviteWorker(KF, 'bob_wx1'))).toBe(65411);
  });

  it('uploads the avatar as multipart with kf_account in the query', async () => {
    await client.customService.addAccount(KF, '客服1');
    await client.customService.uploadHeadImage(KF, { data: new Uint8Array(64).fill(1), filename: 'kf.jpg' });
    const url = (await client.customService.listAccounts()).kf_list[0]?.kf_headimgurl ?? '';
    expect(url).toMatch(/^http:\/\/emulator\.test\/__emulator\/media\/kfhead_/);
    expect(
      await errcodeOf(
        client.customService.uploadHeadImage('x@mywechatid', { data: new Uint8Array(1), filename: 'a.jpg' }),
      ),
    ).toBe(65401);
  });
});

describe('client.customService sessions and records against the emulator', () => {
  beforeEach(async () => {
    addFan(platform.state, { openid: 'oA', lastMessageAt: platform.state.now() });
    await client.customService.addAccount(KF, '客服1');
    await client.customService.inviteWorker(KF, 'alice_wx');
  });

  it('answers 65402 before the worker accepts and 65415 while the account is offline', async () => {
    expect(await errcodeOf(client.customService.createSession(KF, 'oA'))).toBe(65402);
    acceptKfInvite(platform.state, KF);
    expect(await errcodeOf(client.customService.createSession(KF, 'oA'))).toBe(65415);
  });

  it('creates, reads, lists and closes a session; the online list counts it', async () => {
    acceptKfInvite(platform.state, KF);
    setKfOnline(platform.state, KF, true);
    await client.customService.createSession(KF, 'oA');
    const createtime = Math.floor(platform.state.now() / 1000);
    expect(await client.customService.getSession('oA')).toEqual({ kf_account: KF, createtime });
    expect((await client.customService.listSessions(KF)).sessionlist).toEqual([{ openid: 'oA', createtime }]);
    expect((await client.customService.listOnlineAccounts()).kf_online_list).toEqual([
      { kf_account: KF, status: 1, kf_id: '1001', accepted_case: 1 },
    ]);
    await client.customService.closeSession(KF, 'oA');
    expect((await client.customService.getSession('oA')).kf_account).toBe('');
    expect(await errcodeOf(client.customService.closeSession(KF, 'oA'))).toBe(65413);
  });

  it('answers 40003 for a session with an unknown fan', async () => {
    acceptKfInvite(platform.state, KF);
    setKfOnline(platform.state, KF, true);
    expect(await errcodeOf(client.customService.createSession(KF, 'oNobody'))).toBe(40003);
    expect(await errcodeOf(client.customService.getSession('oNobody'))).toBe(40003);
  });

  it('lists the waiting fans', async () => {
    platform.state.addChat({
      openid: 'oA',
      direction: 'out',
      via: 'system',
      msgType: 'transfer_customer_service',
      payload: { content: '消息已转给客服 (transfer_customer_service)' },
    });
    expect(await client.customService.listWaitingSessions()).toEqual({
      count: 1,
      waitcaselist: [{ openid: 'oA', latest_time: Math.floor(platform.state.now() / 1000) }],
    });
  });

  it('reads the chat records and continues from the msgid it answered, as a string', async () => {
    acceptKfInvite(platform.state, KF);
    setKfOnline(platform.state, KF, true);
    await client.customService.createSession(KF, 'oA');
    const start = Math.floor(platform.state.now() / 1000);
    for (const content of ['一', '二']) {
      await client.customService.send({
        touser: 'oA',
        msgtype: 'text',
        text: { content },
        customservice: { kf_account: KF },
      });
    }
    const request = { starttime: start, endtime: start + 60, msgid: 1, number: 1 };
    const first = await client.customService.getMessageRecords(request);
    expect(first).toMatchObject({
      number: 1,
      msgid: '2',
      recordlist: [{ text: '一', opercode: 2002, worker: KF }],
    });
    const next = await client.customService.getMessageRecords({ ...request, msgid: first.msgid });
    expect(next.recordlist.map((r) => r.text)).toEqual(['二']);
    expect(
      await errcodeOf(client.customService.getMessageRecords({ ...request, endtime: start + 86_401 })),
    ).toBe(65417);
  });
});

describe('client.template industries and library templates against the emulator', () => {
  it('sets and reads the industries', async () => {
    await client.template.setIndustry(1, 4);
    expect(await client.template.getIndustry()).toEqual({
      primary_industry: { first_class: 'IT科技', second_class: '互联网|电子商务' },
      secondary_industry: { first_class: 'IT科技', second_class: '电子技术' },
    });
    expect(await errcodeOf(client.template.setIndustry(1, 99))).toBe(40102);
  });

  it('adds a library template that template.list then returns', async () => {
    const { template_id } = await client.template.add('47123', ['时间', '地点', '金额']);
    const added = (await client.template.list()).template_list.find((t) => t.template_id === template_id);
    expect(added?.content).toBe('时间：{{time1.DATA}}\n地点：{{thing2.DATA}}\n金额：{{amount3.DATA}}');
    expect(await errcodeOf(client.template.add('47123', ['天气']))).toBe(40246);
    expect(await errcodeOf(client.template.add('nope'))).toBe(40037);
  });
});
