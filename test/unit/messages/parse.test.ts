import { describe, expect, it } from 'vitest';
import { WeChatError } from '../../../src/errors.js';
import { dedupKey, parseMessage } from '../../../src/messages/parse.js';
import type { Message } from '../../../src/messages/types.js';
import { eventSamples as ev, messageSamples as msg } from '../../fixtures/messages.js';
import { vectors } from '../../support/vectors.js';

/** Drops `raw` so assertions read like the reference's field lists. */
function fields(m: Message): Record<string, unknown> {
  const { raw: _raw, ...rest } = m;
  return rest;
}

const FAN = { toUserName: 'toUser', fromUserName: 'fromUser', createTime: 1348831860 };

describe('messages (reference §5)', () => {
  it('text, with MsgDataId/Idx and the 16-digit MsgId as a string', () => {
    expect(fields(parseMessage(msg.text))).toEqual({
      ...FAN,
      type: 'text',
      content: 'this is a test',
      msgId: '1234567890123456',
      msgDataId: 'xxxx',
      idx: 'xxxx',
    });
  });
  it('image', () => {
    expect(fields(parseMessage(msg.image))).toEqual({
      ...FAN,
      type: 'image',
      picUrl: 'this is a url',
      mediaId: 'media_id',
      msgId: '1234567890123456',
    });
  });
  it('voice with MediaId16K, and the legacy Recognition form', () => {
    expect(fields(parseMessage(msg.voice))).toEqual({
      ...FAN,
      type: 'voice',
      mediaId: 'media_id',
      format: 'Format',
      mediaId16K: 'media_id_16k',
      msgId: '1234567890123456',
    });
    expect(parseMessage(msg.voiceLegacy)).toMatchObject({
      type: 'voice',
      recognition: '腾讯微信团队',
      format: 'amr',
    });
  });
  it('video and shortvideo', () => {
    for (const type of ['video', 'shortvideo'] as const) {
      expect(fields(parseMessage(msg[type]))).toEqual({
        ...FAN,
        type,
        mediaId: 'media_id',
        thumbMediaId: 'thumb_media_id',
        msgId: '1234567890123456',
      });
    }
  });
  it('location: Location_X is the latitude, Location_Y the longitude', () => {
    expect(fields(parseMessage(msg.location))).toEqual({
      ...FAN,
      type: 'location',
      latitude: 23.134521,
      longitude: 113.358803,
      scale: 20,
      label: '位置信息',
      msgId: '1234567890123456',
    });
  });
  it('link', () => {
    expect(fields(parseMessage(msg.link))).toEqual({
      ...FAN,
      type: 'link',
      title: '公众平台官网链接',
      description: '公众平台官网链接',
      url: 'url',
      msgId: '1234567890123456',
    });
  });
  it('an unmodelled MsgType becomes `unknown` with every raw field', () => {
    const m = parseMessage(msg.miniprogrampage);
    expect(m).toMatchObject({ type: 'unknown', msgType: 'miniprogrampage' });
    expect(m.raw).toMatchObject({ AppId: 'wx123', PagePath: 'pages/a', MsgId: '1234567890123456' });
  });
  it('keeps a 64-bit MsgId exactly (6054768590064713728 > 2^53)', () => {
    const m = parseMessage(vectors.inbound_xml[0]!.xml);
    expect(m).toMatchObject({ type: 'text', msgId: '6054768590064713728', content: 'abcdteT' });
  });
  it('reads the compatible-mode plaintext fields next to Encrypt', () => {
    const v = vectors.inbound_xml[0]!;
    const m = parseMessage(v.xml);
    expect(m.toUserName).toBe(v.expected_fields['ToUserName']);
    expect(m.raw['Encrypt']).toBe(v.expected_fields['Encrypt']);
  });
});

describe('events (reference §6)', () => {
  it('subscribe without a key, and unsubscribe', () => {
    expect(fields(parseMessage(ev.subscribe))).toEqual({
      toUserName: 'toUser',
      fromUserName: 'FromUser',
      createTime: 123456789,
      type: 'event',
      event: 'subscribe',
    });
    expect(parseMessage(ev.unsubscribe)).toMatchObject({ type: 'event', event: 'unsubscribe' });
  });
  it('subscribe through a QR code: the scene is the EventKey after qrscene_', () => {
    expect(parseMessage(ev.subscribeQr)).toMatchObject({
      event: 'subscribe',
      eventKey: 'qrscene_123123',
      scene: '123123',
      ticket: 'TICKET',
    });
  });
  it('subscribe with a non-QR key or an empty key has no scene', () => {
    const paid = parseMessage(ev.subscribePayThenFollow);
    expect(paid).toMatchObject({
      event: 'subscribe',
      eventKey: 'last_trade_no_4008072001201701105817415015',
    });
    expect(paid).not.toHaveProperty('scene');
    expect(parseMessage(ev.subscribeEmptyKey)).not.toHaveProperty('scene');
  });
  it('SCAN: the bare scene value', () => {
    expect(parseMessage(ev.scan)).toMatchObject({
      event: 'SCAN',
      eventKey: 'SCENE_VALUE',
      scene: 'SCENE_VALUE',
      ticket: 'TICKET',
    });
  });
  it('LOCATION', () => {
    expect(parseMessage(ev.location)).toMatchObject({
      event: 'LOCATION',
      latitude: 23.137466,
      longitude: 113.352425,
      precision: 119.38504,
    });
    expect(parseMessage(ev.location).raw['Precision']).toBe('119.385040');
  });
  it('CLICK, VIEW with MenuId, view_miniprogram', () => {
    expect(parseMessage(ev.click)).toMatchObject({ event: 'CLICK', eventKey: 'EVENTKEY' });
    expect(parseMessage(ev.view)).toMatchObject({ event: 'VIEW', eventKey: 'www.qq.com', menuId: 'MENUID' });
    expect(parseMessage(ev.viewMiniprogram)).toMatchObject({
      event: 'view_miniprogram',
      eventKey: 'pages/index/index',
      menuId: 'MENUID',
    });
  });
  it('scancode_push and scancode_waitmsg', () => {
    expect(parseMessage(ev.scancodePush)).toMatchObject({
      event: 'scancode_push',
      eventKey: '6',
      scanCodeInfo: { scanType: 'qrcode', scanResult: '1' },
    });
    expect(parseMessage(ev.scancodeWaitmsg)).toMatchObject({
      event: 'scancode_waitmsg',
      scanCodeInfo: { scanResult: '2' },
    });
  });
  it('pic_* events: PicList items are an array even with one item', () => {
    expect(parseMessage(ev.picSysphoto)).toMatchObject({
      event: 'pic_sysphoto',
      sendPicsInfo: { count: 1, picList: [{ picMd5Sum: '1b5f7c23b5bf75682a53e7b6d163e185' }] },
    });
    expect(parseMessage(ev.picPhotoOrAlbum)).toMatchObject({
      sendPicsInfo: { count: 2, picList: [{ picMd5Sum: 'a' }, { picMd5Sum: 'b' }] },
    });
  });
  it('location_select keeps the Label verbatim (leading space) and the empty Poiname', () => {
    expect(parseMessage(ev.locationSelect)).toMatchObject({
      event: 'location_select',
      eventKey: '6',
      sendLocationInfo: {
        latitude: 23,
        longitude: 113,
        scale: 15,
        label: ' 广州市海珠区客村艺苑路 106号',
        poiname: '',
      },
    });
  });
  it('TEMPLATESENDJOBFINISH reads MsgID (capital D)', () => {
    expect(parseMessage(ev.templateSendJobFinish)).toMatchObject({
      event: 'TEMPLATESENDJOBFINISH',
      msgId: '200163836',
      status: 'success',
    });
  });
  it('MASSSENDJOBFINISH with its copyright check and article URLs', () => {
    expect(parseMessage(ev.massSendJobFinish)).toMatchObject({
      event: 'MASSSENDJOBFINISH',
      msgId: '1000001625',
      status: 'err(30003)',
      totalCount: 0,
      copyrightCheckResult: {
        count: 2,
        checkState: 2,
        resultList: [{ articleIdx: 1, originalArticleUrl: 'Url_1', canReprint: 1 }, { articleIdx: 2 }],
      },
      articleUrlResult: { count: 1, resultList: [{ articleIdx: 1, articleUrl: 'url' }] },
    });
  });
  it('PUBLISHJOBFINISH reads the lower_snake children, and fail_idx on failure', () => {
    expect(parseMessage(ev.publishJobFinish)).toMatchObject({
      event: 'PUBLISHJOBFINISH',
      publishEventInfo: {
        publishId: '2247503051',
        publishStatus: 0,
        articleId: 'ARTICLE_ID',
        articleDetail: { count: 1, item: [{ idx: 1, articleUrl: 'ARTICLE_URL' }] },
        failIdx: [],
      },
    });
    expect(parseMessage(ev.publishJobFailed)).toMatchObject({
      publishEventInfo: { publishStatus: 2, failIdx: [1, 2] },
    });
  });
  it('subscribe_msg_* events: List items as arrays, MsgID beyond 2^53 as a string', () => {
    expect(parseMessage(ev.subscribeMsgPopup)).toMatchObject({
      event: 'subscribe_msg_popup_event',
      list: [
        {
          templateId: 'VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc',
          subscribeStatusString: 'accept',
          popupScene: '2',
        },
        { subscribeStatusString: 'reject' },
      ],
    });
    expect(parseMessage(ev.subscribeMsgChange)).toMatchObject({
      event: 'subscribe_msg_change_event',
      list: [{ subscribeStatusString: 'reject' }],
    });
    expect(parseMessage(ev.subscribeMsgSent)).toMatchObject({
      event: 'subscribe_msg_sent_event',
      list: [{ msgId: '1700827132819554304', errorCode: '0', errorStatus: 'success' }],
    });
  });
  it('customer-service session events', () => {
    expect(parseMessage(ev.kfCreateSession)).toMatchObject({
      event: 'kf_create_session',
      kfAccount: 'test1@test',
    });
    expect(parseMessage(ev.kfCloseSession)).toMatchObject({
      event: 'kf_close_session',
      kfAccount: 'test1@test',
    });
    expect(parseMessage(ev.kfSwitchSession)).toMatchObject({
      event: 'kf_switch_session',
      fromKfAccount: 'test1@test',
      toKfAccount: 'test2@test',
    });
  });
  it('verification events', () => {
    expect(parseMessage(ev.qualificationVerifySuccess)).toMatchObject({
      event: 'qualification_verify_success',
      expiredTime: 1442401156,
    });
    expect(parseMessage(ev.qualificationVerifyFail)).toMatchObject({
      event: 'qualification_verify_fail',
      failTime: 1442401122,
      failReason: 'by time',
    });
    expect(parseMessage(ev.namingVerifySuccess)).toMatchObject({
      event: 'naming_verify_success',
      expiredTime: 1442401093,
    });
    expect(parseMessage(ev.namingVerifyFail)).toMatchObject({
      event: 'naming_verify_fail',
      failReason: 'by time',
    });
    expect(parseMessage(ev.annualRenew)).toMatchObject({ event: 'annual_renew', expiredTime: 1442401004 });
    expect(parseMessage(ev.verifyExpired)).toMatchObject({
      event: 'verify_expired',
      expiredTime: 1442400900,
    });
  });
  it('authorization changes of web-authorized fans (授权用户信息变更): the fan in OpenID, not FromUserName', () => {
    const change = (event: string, extra: string) =>
      '<xml><ToUserName><![CDATA[gh_870882ca4b1]]></ToUserName>' +
      '<FromUserName><![CDATA[owAqB1v0ahK_Xlc7GshIDdf2yf7E]]></FromUserName><CreateTime>1626857200</CreateTime>' +
      `<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>` +
      '<OpenID><![CDATA[owAqB1nqaOYYWl0Ng484G2z5NIwU]]></OpenID><AppID><![CDATA[wx13974bf780d3dc89]]></AppID>' +
      `${extra}</xml>`;
    expect(
      parseMessage(change('user_authorization_revoke', '<RevokeInfo><![CDATA[205]]></RevokeInfo>')),
    ).toEqual(
      expect.objectContaining({
        type: 'event',
        event: 'user_authorization_revoke',
        fromUserName: 'owAqB1v0ahK_Xlc7GshIDdf2yf7E',
        openId: 'owAqB1nqaOYYWl0Ng484G2z5NIwU',
        appId: 'wx13974bf780d3dc89',
        revokeInfo: '205',
      }),
    );
    const modified = parseMessage(change('user_info_modified', '<UnionID><![CDATA[oUnion1]]></UnionID>'));
    expect(modified).toMatchObject({ event: 'user_info_modified', unionId: 'oUnion1' });
    expect(modified).not.toHaveProperty('revokeInfo');
    expect(parseMessage(change('user_authorization_cancellation', ''))).toMatchObject({
      event: 'user_authorization_cancellation',
      openId: 'owAqB1nqaOYYWl0Ng484G2z5NIwU',
    });
  });
  it('an unmodelled event keeps its name and raw fields', () => {
    const m = parseMessage(ev.cardPassCheck);
    expect(m).toMatchObject({ type: 'event', event: 'unknown', name: 'card_pass_check' });
    expect(m.raw['RefuseReason']).toBe('非法代制');
  });
});

describe('rejections and dedup keys', () => {
  it('refuses XML that is not a WeChat message', () => {
    for (const xml of ['<xml><A>1</A></xml>', '<xml>text</xml>', '<xml><MsgType>text</MsgType></xml>']) {
      expect(() => parseMessage(xml)).toThrow(WeChatError);
    }
  });
  it('dedups messages by MsgId and events by FromUserName + CreateTime + Event + EventKey', () => {
    expect(dedupKey(parseMessage(msg.text))).toBe('msg:1234567890123456');
    expect(dedupKey(parseMessage(ev.click))).toBe('event:fromUser:1348831860:CLICK:EVENTKEY');
    expect(dedupKey(parseMessage(ev.cardPassCheck))).toBe('event:fromUser:1348831860:card_pass_check:');
    expect(dedupKey(parseMessage(ev.publishJobFinish))).toBe(
      'event:fromUser:1348831860:PUBLISHJOBFINISH:2247503051',
    );
    expect(dedupKey(parseMessage(ev.templateSendJobFinish))).toBe(
      'event:oia2TjuEGTNoeX76QEjQNrcURxG8:1395658920:TEMPLATESENDJOBFINISH:200163836',
    );
    expect(dedupKey(parseMessage(ev.subscribeMsgSent))).toBe(
      'event:fromUser:1348831860:subscribe_msg_sent_event:1700827132819554304',
    );
  });

  it('keeps two delivery results of one second apart by their MsgIDs', () => {
    const second = ev.subscribeMsgSent.replace('1700827132819554304', '1700827132819554305');
    expect(dedupKey(parseMessage(second))).not.toBe(dedupKey(parseMessage(ev.subscribeMsgSent)));
  });

  it('dedups messages of types wxmp does not model by their MsgId, or else by their MsgType', () => {
    const unknown = (msgType: string, extra: string) =>
      parseMessage(
        `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oFan]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[${msgType}]]></MsgType>${extra}</xml>`,
      );
    expect(dedupKey(unknown('miniprogrampage', '<Title>A</Title><MsgId>111</MsgId>'))).toBe('msg:111');
    expect(dedupKey(unknown('miniprogrampage', '<Title>B</Title><MsgID>222</MsgID>'))).toBe('msg:222');
    expect(dedupKey(unknown('device_text', '<Content>x</Content>'))).toBe(
      'event:oFan:1700000000:device_text:',
    );
  });
});
