/**
 * From WeChat's XML to typed messages. Every protocol quirk is normalized here, once: `MsgId` vs `MsgID`, the
 * `qrscene_` prefix, `Location_X`/`Location_Y`, lower_snake children of `PublishEventInfo`, repeated `item`/`List`
 * elements, 64-bit ids kept as strings, CDATA kept verbatim.
 * @module
 */
import { WeChatError } from '../errors.js';
import { asArray, parseXml, textOf, type XmlElement, type XmlValue } from '../xml/parse.js';
import type { EventMessage, EventOf, KnownEventName, Message, UserMessage } from './types.js';

type Fields<T> = Omit<T, 'type' | 'event' | 'toUserName' | 'fromUserName' | 'createTime' | 'raw'>;

/** Text of a child, `''` when absent (WeChat omits empty fields now and then). */
function str(el: XmlValue | undefined, name: string): string {
  return textOf(el, name) ?? '';
}

/** A numeric child; absent or non-numeric reads as 0. */
function num(el: XmlValue | undefined, name: string): number {
  const n = Number(str(el, name).trim());
  return Number.isFinite(n) ? n : 0;
}

/** An id child, trimmed and kept as a string (64-bit ids exceed 2^53). */
function id(el: XmlValue | undefined, ...names: string[]): string {
  for (const name of names) {
    const value = textOf(el, name);
    if (value !== undefined) return value.trim();
  }
  return '';
}

/** Spreads `{ [key]: value }` only when the child exists (exactOptionalPropertyTypes forbids `key: undefined`). */
function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function child(el: XmlValue | undefined, name: string): XmlValue | undefined {
  if (el === undefined || typeof el === 'string') return undefined;
  const value = el[name];
  return Array.isArray(value) ? value[0] : value;
}

const userMessages: {
  [T in UserMessage['type']]: (x: XmlElement) => Fields<Extract<UserMessage, { type: T }>>;
} = {
  // Object.assign onto userBase's fresh object, not `{ ...userBase(x), field, ...optional() }`: see messageFromXml
  // (the text builder went from 1.34 to 0.26 µs). Same keys, same order.
  text: (x) =>
    Object.assign(
      userBase(x),
      { content: str(x, 'Content') },
      optional('bizMsgMenuId', textOf(x, 'bizmsgmenuid')),
    ),
  image: (x) => Object.assign(userBase(x), { picUrl: str(x, 'PicUrl'), mediaId: str(x, 'MediaId') }),
  voice: (x) =>
    Object.assign(
      userBase(x),
      { mediaId: str(x, 'MediaId'), format: str(x, 'Format') },
      optional('mediaId16K', textOf(x, 'MediaId16K')),
      optional('recognition', textOf(x, 'Recognition')),
    ),
  video: (x) =>
    Object.assign(userBase(x), { mediaId: str(x, 'MediaId'), thumbMediaId: str(x, 'ThumbMediaId') }),
  shortvideo: (x) =>
    Object.assign(userBase(x), { mediaId: str(x, 'MediaId'), thumbMediaId: str(x, 'ThumbMediaId') }),
  location: (x) =>
    Object.assign(userBase(x), {
      latitude: num(x, 'Location_X'),
      longitude: num(x, 'Location_Y'),
      scale: num(x, 'Scale'),
      label: str(x, 'Label'),
    }),
  link: (x) =>
    Object.assign(userBase(x), {
      title: str(x, 'Title'),
      description: str(x, 'Description'),
      url: str(x, 'Url'),
    }),
};

function userBase(x: XmlElement): { msgId: string; msgDataId?: string; idx?: string } {
  return {
    msgId: id(x, 'MsgId', 'MsgID'),
    ...optional('msgDataId', textOf(x, 'MsgDataId')),
    ...optional('idx', textOf(x, 'Idx')),
  };
}

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

const events: EventBuilders = {
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
};

function notAMessage(reason: string): never {
  throw new WeChatError('XML_MALFORMED', `Not a WeChat message: ${reason}`);
}

/**
 * Turns the `<xml>` root of a (decrypted) push into a typed message; throws `XML_MALFORMED` when it is not one.
 *
 * @example
 * ```ts
 * import { parseXml } from '../xml/parse.js';
 * import { inbound } from 'wxmp/push';
 * const msg = messageFromXml(parseXml(inbound.text({ from: 'oUser', to: 'gh_1' }, 'hi')).value);
 * if (msg.type === 'text') console.log(msg.content); // 'hi'
 * ```
 */
export function messageFromXml(root: XmlValue): Message {
  if (typeof root === 'string') notAMessage('the root element has no fields');
  const msgType = textOf(root, 'MsgType');
  const toUserName = textOf(root, 'ToUserName');
  const fromUserName = textOf(root, 'FromUserName');
  if (msgType === undefined) notAMessage('MsgType is missing');
  if (toUserName === undefined || fromUserName === undefined)
    notAMessage('ToUserName or FromUserName is missing');
  const createTime = num(root, 'CreateTime');
  // Hot path: a literal with the common fields, then Object.assign, not `{ ...base, type, ...fields }`. V8 copies a
  // spread that follows other properties key by key in its runtime: this function took 2.7 µs on a text message,
  // and 0.25 µs written this way (with the builders below; Node 20, one core). Same keys, in the same order.
  if (msgType === 'event') {
    const name = str(root, 'Event');
    const build = Object.hasOwn(events, name) ? events[name as KnownEventName] : undefined;
    const event = { toUserName, fromUserName, createTime, raw: root, type: 'event' as const };
    if (build) return Object.assign(event, { event: name }, build(root)) as EventMessage;
    return Object.assign(
      event,
      { event: 'unknown' as const, name },
      optional('eventKey', textOf(root, 'EventKey')),
    );
  }
  const build = Object.hasOwn(userMessages, msgType)
    ? userMessages[msgType as UserMessage['type']]
    : undefined;
  if (build)
    return Object.assign(
      { toUserName, fromUserName, createTime, raw: root, type: msgType },
      build(root),
    ) as UserMessage;
  return { toUserName, fromUserName, createTime, raw: root, type: 'unknown', msgType };
}

/**
 * Parses a plaintext push body (XML text) into a typed message.
 *
 * @example
 * ```ts
 * parseMessage('<xml>…<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content>…</xml>');
 * ```
 */
export function parseMessage(xml: string): Message {
  return messageFromXml(parseXml(xml).value);
}

/**
 * The key WeChat's retries share: `MsgId` for messages (also of types wxmp does not model); for events,
 * FromUserName + CreateTime (+ Event and EventKey, job id or message ids, so two different events in the same second
 * are not taken for one); for a message without an id, FromUserName + CreateTime + MsgType.
 *
 * @example
 * ```ts
 * import { inbound } from 'wxmp/push';
 * const click = inbound.event({ from: 'oUser', to: 'gh_1', createTime: 1409735668 }, 'CLICK', { EventKey: 'V1001' });
 * const msg = parseMessage(click);
 * dedupKey(msg); // 'event:oUser:1409735668:CLICK:V1001' (a message: 'msg:' + its MsgId)
 * ```
 */
export function dedupKey(message: Message): string {
  if (message.type !== 'event') {
    const msgId = 'msgId' in message ? message.msgId : id(message.raw, 'MsgId', 'MsgID');
    if (msgId) return `msg:${msgId}`;
  }
  const event =
    message.type === 'event'
      ? message.event === 'unknown'
        ? message.name
        : message.event
      : message.type === 'unknown'
        ? message.msgType
        : message.type;
  return `event:${message.fromUserName}:${message.createTime}:${event}:${eventDetail(message)}`;
}

/** What tells apart two events of one kind from one fan in one second. */
function eventDetail(message: Message): string {
  const key = textOf(message.raw, 'EventKey') ?? textOf(message.raw, 'MsgID');
  if (key !== undefined) return key;
  if (message.type !== 'event') return '';
  // Job-finish events differ only by their job id; delivery results of subscription messages by their MsgIDs.
  if (message.event === 'PUBLISHJOBFINISH') return message.publishEventInfo.publishId;
  if (message.event === 'subscribe_msg_sent_event') return message.list.map((item) => item.msgId).join(',');
  return '';
}
