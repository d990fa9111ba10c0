/**
 * Inbound events (MsgType `event`), keyed on `event` (WeChat's Event, case as WeChat sends it).
 * @module
 */
import type { MessageBase } from './types.js';

/** What every event carries. */
export interface EventBase extends MessageBase {
  type: 'event';
}

/** The fan followed the account; from a parametric QR code when `scene` is set. */
export interface SubscribeEvent extends EventBase {
  event: 'subscribe';
  /** As received: `qrscene_123`, a non-QR key such as `last_trade_no_…`, or absent. */
  eventKey?: string;
  /** The QR scene (the `EventKey` after `qrscene_`); only set for a follow through a parametric QR code. */
  scene?: string;
  /** The QR ticket, for a follow through a QR code. */
  ticket?: string;
}

/** The fan unfollowed; WeChat requires deleting their stored data. */
export interface UnsubscribeEvent extends EventBase {
  event: 'unsubscribe';
}

/** A follower scanned a parametric QR code. */
export interface ScanEvent extends EventBase {
  event: 'SCAN';
  /** The bare scene value (no prefix). */
  eventKey: string;
  /** Same as `eventKey`, named like the subscribe event's. */
  scene: string;
  ticket: string;
}

/** Periodic location report (when the fan agreed). */
export interface LocationEvent extends EventBase {
  event: 'LOCATION';
  latitude: number;
  longitude: number;
  precision: number;
}

/** A `click` menu button was tapped. */
export interface ClickEvent extends EventBase {
  event: 'CLICK';
  eventKey: string;
}

/** A `view` menu button was tapped. */
export interface ViewEvent extends EventBase {
  event: 'VIEW';
  /** The URL opened. */
  eventKey: string;
  /** Set when a conditional menu was shown. */
  menuId?: string;
}

/** A `miniprogram` menu button was tapped. */
export interface ViewMiniprogramEvent extends EventBase {
  event: 'view_miniprogram';
  /** The mini-program page path. */
  eventKey: string;
  menuId?: string;
}

/** A scan-code menu button was used. */
export interface ScanCodeEvent extends EventBase {
  event: 'scancode_push' | 'scancode_waitmsg';
  eventKey: string;
  scanCodeInfo: { scanType: string; scanResult: string };
}

/** A photo menu button was used; the photos themselves arrive as image messages. */
export interface PicEvent extends EventBase {
  event: 'pic_sysphoto' | 'pic_photo_or_album' | 'pic_weixin';
  eventKey: string;
  sendPicsInfo: { count: number; picList: { picMd5Sum: string }[] };
}

/** A location-select menu button was used. */
export interface LocationSelectEvent extends EventBase {
  event: 'location_select';
  eventKey: string;
  sendLocationInfo: { latitude: number; longitude: number; scale: number; label: string; poiname: string };
}

/** Result of a template message send. */
export interface TemplateSendJobFinishEvent extends EventBase {
  event: 'TEMPLATESENDJOBFINISH';
  /** The `msgid` the send returned (from `MsgID`). */
  msgId: string;
  /** `success`, or a failure such as `failed:user block`, `failed: system failed`. */
  status: string;
}

/** One article's reprint check in a mass-send result. */
export interface CopyrightCheckItem {
  articleIdx: number;
  userDeclareState: number;
  auditState: number;
  originalArticleUrl: string;
  originalArticleType: number;
  canReprint: number;
  needReplaceContent: number;
  needShowReprintSource: number;
}

/** Result of a mass send. */
export interface MassSendJobFinishEvent extends EventBase {
  event: 'MASSSENDJOBFINISH';
  msgId: string;
  /** `send success`, `send fail`, or `err(NNNNN)`. */
  status: string;
  totalCount: number;
  filterCount: number;
  sentCount: number;
  errorCount: number;
  copyrightCheckResult?: { count: number; checkState: number; resultList: CopyrightCheckItem[] };
  articleUrlResult?: { count: number; resultList: { articleIdx: number; articleUrl: string }[] };
}

/** Result of a free-publish submission. */
export interface PublishJobFinishEvent extends EventBase {
  event: 'PUBLISHJOBFINISH';
  publishEventInfo: {
    publishId: string;
    /** 0 success, 1 publishing, 2 originality check failed, 3 failed, 4 rejected, 5 deleted by user, 6 banned. */
    publishStatus: number;
    articleId?: string;
    articleDetail?: { count: number; item: { idx: number; articleUrl: string }[] };
    /** 1-based indexes of failing articles (status 2 or 4). */
    failIdx: number[];
  };
}

/** The fan answered a subscription-notification popup. */
export interface SubscribeMsgPopupEvent extends EventBase {
  event: 'subscribe_msg_popup_event';
  list: { templateId: string; subscribeStatusString: string; popupScene: string }[];
}

/** The fan changed subscription-notification settings. */
export interface SubscribeMsgChangeEvent extends EventBase {
  event: 'subscribe_msg_change_event';
  list: { templateId: string; subscribeStatusString: string }[];
}

/** Delivery result of subscription notifications. */
export interface SubscribeMsgSentEvent extends EventBase {
  event: 'subscribe_msg_sent_event';
  /** `msgId` exceeds 2^53: a string. */
  list: { templateId: string; msgId: string; errorCode: string; errorStatus: string }[];
}

/** A customer-service session was created or closed. */
export interface KfSessionEvent extends EventBase {
  event: 'kf_create_session' | 'kf_close_session';
  kfAccount: string;
}

/** A customer-service session was transferred. */
export interface KfSwitchSessionEvent extends EventBase {
  event: 'kf_switch_session';
  fromKfAccount: string;
  toKfAccount: string;
}

/** A verification succeeded or is due. */
export interface VerifyExpiryEvent extends EventBase {
  event: 'qualification_verify_success' | 'naming_verify_success' | 'annual_renew' | 'verify_expired';
  /** Unix seconds. */
  expiredTime: number;
}

/** A verification failed. */
export interface VerifyFailEvent extends EventBase {
  event: 'qualification_verify_fail' | 'naming_verify_fail';
  /** Unix seconds. */
  failTime: number;
  failReason: string;
}

/**
 * A web-authorized fan's data changed at WeChat (授权用户信息变更): WeChat cleaned up a risky profile
 * (`user_info_modified`: refresh or clear the nickname and avatar you keep), the fan took back what they
 * authorized (`user_authorization_revoke`: delete it), or the fan closed their WeChat account
 * (`user_authorization_cancellation`: delete their data, as the law requires). WeChat asks that the fan's data be
 * deleted on the last two.
 */
export interface UserAuthorizationEvent extends EventBase {
  event: 'user_info_modified' | 'user_authorization_revoke' | 'user_authorization_cancellation';
  /** The fan (OpenID); FromUserName is WeChat's push service, not the fan. */
  openId: string;
  /** The account's AppID. */
  appId: string;
  /** The fan's UnionID, when the account is bound to an Open Platform account. */
  unionId?: string;
  /** What the fan took back, on `user_authorization_revoke`: 201 address, 202 invoice, 203 cards, 204 microphone,
   *  205 nickname and avatar, 206 location, 207 chosen pictures or videos (the H5 codes). */
  revokeInfo?: string;
}

/**
 * An event wxmp does not model (cards, invoices, Wi-Fi, …): `name` holds WeChat's Event, `raw` every field.
 * Route it with `on('event.card_pass_check', …)` or catch all of them with `on('event.unknown', …)`.
 */
export interface UnknownEvent extends EventBase {
  event: 'unknown';
  /** The Event as received. */
  name: string;
  eventKey?: string;
}

/** Every event. */
export type EventMessage =
  | SubscribeEvent
  | UnsubscribeEvent
  | ScanEvent
  | LocationEvent
  | ClickEvent
  | ViewEvent
  | ViewMiniprogramEvent
  | ScanCodeEvent
  | PicEvent
  | LocationSelectEvent
  | TemplateSendJobFinishEvent
  | MassSendJobFinishEvent
  | PublishJobFinishEvent
  | SubscribeMsgPopupEvent
  | SubscribeMsgChangeEvent
  | SubscribeMsgSentEvent
  | KfSessionEvent
  | KfSwitchSessionEvent
  | VerifyExpiryEvent
  | VerifyFailEvent
  | UserAuthorizationEvent
  | UnknownEvent;

/** Every Event name wxmp models. */
export type KnownEventName = Exclude<EventMessage['event'], 'unknown'>;

/**
 * The event type for one Event name, with `event` narrowed to that name (events that share a shape, such as
 * `scancode_push` and `scancode_waitmsg`, share an interface).
 *
 * @example
 * ```ts
 * import { reply } from 'wxmp';
 * const onWaitmsg = (event: EventOf<'scancode_waitmsg'>) => reply.text(`scanned ${event.scanCodeInfo.scanResult}`);
 * ```
 */
export type EventOf<E extends string> = EventMessage extends infer M
  ? M extends { event: infer N }
    ? E extends N
      ? M & { event: E }
      : never
    : never
  : never;
