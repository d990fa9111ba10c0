/**
 * The builders of every event wxmp models, keyed by WeChat's Event: each reads the event's own fields from the
 * `<xml>` root. Every quirk is normalized here, once: the `qrscene_` prefix, `MsgID` vs `MsgId`, the lower_snake
 * children of `PublishEventInfo`, repeated `List` and `item` elements.
 * @module
 */
import { type XmlElement } from '../xml/parse.js';
import { asArray, textOf } from '../xml/read.js';
import { child, id, num, optional, str, type Fields } from './fields.js';
import type { EventOf, KnownEventName } from './types.js';

const QR_PREFIX = 'qrscene_';

type EventBuilders = { [E in KnownEventName]: (x: XmlElement) => Fields<EventOf<E>> };

const scanCode = (x: XmlElement) => {
  const info = child(x, 'ScanCodeInfo');
  return {
    eventKey: str(x, 'EventKey'),
    scanCodeInfo: { scanType: str(info, 'ScanType'), scanResult: str(info, 'ScanResult') },
  };
};
const pics = (x: XmlElement) => {
  const info = child(x, 'SendPicsInfo');
  const picList = asArray(child(info, 'PicList'), 'item').map((item) => ({
    picMd5Sum: str(item, 'PicMd5Sum'),
  }));
  return { eventKey: str(x, 'EventKey'), sendPicsInfo: { count: num(info, 'Count'), picList } };
};
const kfSession = (x: XmlElement) => ({ kfAccount: str(x, 'KfAccount') });
const expiry = (x: XmlElement) => ({ expiredTime: num(x, 'ExpiredTime') });
const failure = (x: XmlElement) => ({ failTime: num(x, 'FailTime'), failReason: str(x, 'FailReason') });
const listOf = (x: XmlElement, container: string) => asArray(child(x, container), 'List');

// WeChat's docs spell these fields OpenID, UnionID, AppID; the JSON example even puts a space before the names.
const authorization = (x: XmlElement) => ({
  openId: str(x, 'OpenID'),
  appId: str(x, 'AppID'),
  ...optional('unionId', textOf(x, 'UnionID')),
  ...optional('revokeInfo', textOf(x, 'RevokeInfo')),
});

/**
 * The builder of each event wxmp models.
 *
 * @example
 * ```ts
 * import { parseXml, type XmlElement } from '../xml/parse.js';
 * events.CLICK(parseXml('<xml><EventKey>V1001</EventKey></xml>').value as XmlElement); // { eventKey: 'V1001' }
 * ```
 */
export const events: EventBuilders = {
  subscribe: (x) => {
    const eventKey = textOf(x, 'EventKey');
    // Only the qrscene_ prefix means a QR follow; other keys (last_trade_no_…) are kept as eventKey only.
    const scene = eventKey?.startsWith(QR_PREFIX) ? eventKey.slice(QR_PREFIX.length) : undefined;
    return {
      ...optional('eventKey', eventKey),
      ...optional('scene', scene),
      ...optional('ticket', textOf(x, 'Ticket')),
    };
  },
  unsubscribe: () => ({}),
  SCAN: (x) => ({ eventKey: str(x, 'EventKey'), scene: str(x, 'EventKey'), ticket: str(x, 'Ticket') }),
  LOCATION: (x) => ({
    latitude: num(x, 'Latitude'),
    longitude: num(x, 'Longitude'),
    precision: num(x, 'Precision'),
  }),
  CLICK: (x) => ({ eventKey: str(x, 'EventKey') }),
  VIEW: (x) => ({ eventKey: str(x, 'EventKey'), ...optional('menuId', textOf(x, 'MenuId')) }),
  view_miniprogram: (x) => ({ eventKey: str(x, 'EventKey'), ...optional('menuId', textOf(x, 'MenuId')) }),
  scancode_push: scanCode,
  scancode_waitmsg: scanCode,
  pic_sysphoto: pics,
  pic_photo_or_album: pics,
  pic_weixin: pics,
  location_select: (x) => {
    const info = child(x, 'SendLocationInfo');
    return {
      eventKey: str(x, 'EventKey'),
      sendLocationInfo: {
        latitude: num(info, 'Location_X'),
        longitude: num(info, 'Location_Y'),
        scale: num(info, 'Scale'),
        label: str(info, 'Label'),
        poiname: str(info, 'Poiname'),
      },
    };
  },
  TEMPLATESENDJOBFINISH: (x) => ({ msgId: id(x, 'MsgID', 'MsgId'), status: str(x, 'Status') }),
  MASSSENDJOBFINISH: (x) => {
    const copyright = child(x, 'CopyrightCheckResult');
    const urls = child(x, 'ArticleUrlResult');
    return {
      msgId: id(x, 'MsgID', 'MsgId'),
      status: str(x, 'Status'),
      totalCount: num(x, 'TotalCount'),
      filterCount: num(x, 'FilterCount'),
      sentCount: num(x, 'SentCount'),
      errorCount: num(x, 'ErrorCount'),
      ...(copyright === undefined
        ? {}
        : {
            copyrightCheckResult: {
              count: num(copyright, 'Count'),
              checkState: num(copyright, 'CheckState'),
              resultList: asArray(child(copyright, 'ResultList'), 'item').map((item) => ({
                articleIdx: num(item, 'ArticleIdx'),
                userDeclareState: num(item, 'UserDeclareState'),
                auditState: num(item, 'AuditState'),
                originalArticleUrl: str(item, 'OriginalArticleUrl'),
                originalArticleType: num(item, 'OriginalArticleType'),
                canReprint: num(item, 'CanReprint'),
                needReplaceContent: num(item, 'NeedReplaceContent'),
                needShowReprintSource: num(item, 'NeedShowReprintSource'),
              })),
            },
          }),
      ...(urls === undefined
        ? {}
        : {
            articleUrlResult: {
              count: num(urls, 'Count'),
              resultList: asArray(child(urls, 'ResultList'), 'item').map((item) => ({
                articleIdx: num(item, 'ArticleIdx'),
                articleUrl: str(item, 'ArticleUrl'),
              })),
            },
          }),
    };
  },
  PUBLISHJOBFINISH: (x) => {
    const info = child(x, 'PublishEventInfo');
    const detail = child(info, 'article_detail');
    return {
      publishEventInfo: {
        publishId: id(info, 'publish_id'),
        publishStatus: num(info, 'publish_status'),
        ...optional('articleId', textOf(info, 'article_id')),
        ...(detail === undefined
          ? {}
          : {
              articleDetail: {
                count: num(detail, 'count'),
                item: asArray(detail, 'item').map((item) => ({
                  idx: num(item, 'idx'),
                  articleUrl: str(item, 'article_url'),
                })),
              },
            }),
        failIdx: asArray(info, 'fail_idx').map((v) => Number(typeof v === 'string' ? v.trim() : NaN)),
      },
    };
  },
  subscribe_msg_popup_event: (x) => ({
    list: listOf(x, 'SubscribeMsgPopupEvent').map((item) => ({
      templateId: str(item, 'TemplateId'),
      subscribeStatusString: str(item, 'SubscribeStatusString'),
      popupScene: str(item, 'PopupScene'),
    })),
  }),
  subscribe_msg_change_event: (x) => ({
    list: listOf(x, 'SubscribeMsgChangeEvent').map((item) => ({
      templateId: str(item, 'TemplateId'),
      subscribeStatusString: str(item, 'SubscribeStatusString'),
    })),
  }),
  subscribe_msg_sent_event: (x) => ({
    list: listOf(x, 'SubscribeMsgSentEvent').map((item) => ({
      templateId: str(item, 'TemplateId'),
      msgId: id(item, 'MsgID', 'MsgId'),
      errorCode: str(item, 'ErrorCode'),
      errorStatus: str(item, 'ErrorStatus'),
    })),
  }),
  kf_create_session: kfSession,
  kf_close_session: kfSession,
  kf_switch_session: (x) => ({ fromKfAccount: str(x, 'FromKfAccount'), toKfAccount: str(x, 'ToKfAccount') }),
  qualification_verify_success: expiry,
  naming_verify_success: expiry,
  annual_renew: expiry,
  verify_expired: expiry,
  qualification_verify_fail: failure,
  naming_verify_fail: failure,
  user_info_modified: authorization,
  user_authorization_revoke: authorization,
  user_authorization_cancellation: authorization,
};
