/**
 * Inbound messages, typed: a union keyed on `type` (WeChat's MsgType), events keyed on `event`.
 *
 * Field names are WeChat's in camelCase (`FromUserName` → `fromUserName`, `Location_X` → `latitude` where the
 * meaning is clearer). 64-bit ids are strings. Every message keeps all received fields in `raw`.
 * @module
 */
import type { XmlElement } from '../xml/parse.js';
import type { EventMessage } from './event-types.js';

export type * from './event-types.js';

/** What every push carries. */
export interface MessageBase {
  /** The account's original id (`gh_…`). */
  toUserName: string;
  /** The fan's openid. */
  fromUserName: string;
  /** Unix seconds. */
  createTime: number;
  /** Every element as received, for fields wxmp does not model. */
  raw: XmlElement;
}

/** What every message a fan sends carries. */
export interface UserMessageBase extends MessageBase {
  /** 64-bit id, as a string (it exceeds 2^53). */
  msgId: string;
  /** Set when the message comes from an article (its data id). */
  msgDataId?: string;
  /** 1-based index of that article. */
  idx?: string;
}

/** A text message. */
export interface TextMessage extends UserMessageBase {
  type: 'text';
  /** Verbatim, never trimmed. */
  content: string;
  /** Set when the text is the fan's tap on a `msgmenu` customer-service menu. */
  bizMsgMenuId?: string;
}

/** An image message. */
export interface ImageMessage extends UserMessageBase {
  type: 'image';
  picUrl: string;
  mediaId: string;
}

/** A voice message. */
export interface VoiceMessage extends UserMessageBase {
  type: 'voice';
  mediaId: string;
  /** `amr`, `speex`, … */
  format: string;
  /** The 16 kHz version, when WeChat sends one. */
  mediaId16K?: string;
  /** Legacy speech recognition; being retired by WeChat and often empty. Do not depend on it. */
  recognition?: string;
}

/** A video message. */
export interface VideoMessage extends UserMessageBase {
  type: 'video';
  mediaId: string;
  thumbMediaId: string;
}

/** A short-video message. */
export interface ShortVideoMessage extends UserMessageBase {
  type: 'shortvideo';
  mediaId: string;
  thumbMediaId: string;
}

/** A location the fan shared. */
export interface LocationMessage extends UserMessageBase {
  type: 'location';
  /** `Location_X`. */
  latitude: number;
  /** `Location_Y`. */
  longitude: number;
  scale: number;
  label: string;
}

/** A link the fan shared. */
export interface LinkMessage extends UserMessageBase {
  type: 'link';
  title: string;
  description: string;
  url: string;
}

/** A MsgType wxmp does not model (e.g. `miniprogrampage`, device messages); see `raw`. */
export interface UnknownMessage extends MessageBase {
  type: 'unknown';
  /** The MsgType as received. */
  msgType: string;
}

/** Every message a fan can send. */
export type UserMessage =
  | TextMessage
  | ImageMessage
  | VoiceMessage
  | VideoMessage
  | ShortVideoMessage
  | LocationMessage
  | LinkMessage;

/**
 * Every inbound push.
 *
 * @example
 * ```ts
 * function describe(m: Message): string {
 *   if (m.type === 'text') return m.content;
 *   if (m.type === 'event' && m.event === 'subscribe') return `followed via ${m.scene ?? 'search'}`;
 *   return m.type;
 * }
 * ```
 */
export type Message = UserMessage | EventMessage | UnknownMessage;
