/**
 * Building the XML of inbound messages and events, as WeChat sends them: for the emulator, `wxmp send` and tests.
 * @module
 */
import { randomInt } from 'node:crypto';
import { buildXml, type XmlInputElement } from '../xml/build.js';

/** Who sends and who receives: the fan's openid and the account's `gh_` id. */
export interface Parties {
  /** The account (`gh_…`), becomes ToUserName. */
  to: string;
  /** The fan's openid, becomes FromUserName. */
  from: string;
  /** Unix seconds; default now. */
  createTime?: number;
}

/**
 * A 64-bit message id like WeChat's (as a string: it exceeds 2^53).
 *
 * @example
 * ```ts
 * inbound.text({ to: 'gh_1', from: 'oFan' }, 'same id twice', newMsgId()); // e.g. '4238561193712345678'
 * ```
 */
export function newMsgId(): string {
  // 19 digits led by 1–8: within a signed 64-bit integer (2^63 − 1 ≈ 9.22e18), as Java SDKs parse MsgId into a long.
  return `${randomInt(1, 9)}${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
}

function envelope(p: Parties, msgType: string, fields: XmlInputElement): string {
  return buildXml({
    ToUserName: p.to,
    FromUserName: p.from,
    CreateTime: p.createTime ?? Math.floor(Date.now() / 1000),
    MsgType: msgType,
    ...fields,
  });
}

/**
 * Builders for every inbound message type and for events.
 *
 * @example
 * ```ts
 * inbound.text({ to: 'gh_1', from: 'oFan' }, '你好');
 * inbound.event({ to: 'gh_1', from: 'oFan' }, 'CLICK', { EventKey: 'V1001_GOOD' });
 * ```
 */
export const inbound = {
  text: (p: Parties, content: string, msgId = newMsgId()) =>
    envelope(p, 'text', { Content: content, MsgId: BigInt(msgId) }),
  image: (p: Parties, f: { picUrl: string; mediaId: string }, msgId = newMsgId()) =>
    envelope(p, 'image', { PicUrl: f.picUrl, MediaId: f.mediaId, MsgId: BigInt(msgId) }),
  voice: (p: Parties, f: { mediaId: string; format?: string; mediaId16K?: string }, msgId = newMsgId()) =>
    envelope(p, 'voice', {
      MediaId: f.mediaId,
      Format: f.format ?? 'amr',
      MsgId: BigInt(msgId),
      MediaId16K: f.mediaId16K,
    }),
  video: (p: Parties, f: { mediaId: string; thumbMediaId: string }, msgId = newMsgId()) =>
    envelope(p, 'video', { MediaId: f.mediaId, ThumbMediaId: f.thumbMediaId, MsgId: BigInt(msgId) }),
  shortvideo: (p: Parties, f: { mediaId: string; thumbMediaId: string }, msgId = newMsgId()) =>
    envelope(p, 'shortvideo', { MediaId: f.mediaId, ThumbMediaId: f.thumbMediaId, MsgId: BigInt(msgId) }),
  location: (
    p: Parties,
    f: { latitude: number; longitude: number; scale?: number; label?: string },
    msgId = newMsgId(),
  ) =>
    envelope(p, 'location', {
      Location_X: f.latitude,
      Location_Y: f.longitude,
      Scale: f.scale ?? 15,
      Label: f.label ?? '',
      MsgId: BigInt(msgId),
    }),
  link: (p: Parties, f: { title: string; description?: string; url: string }, msgId = newMsgId()) =>
    envelope(p, 'link', {
      Title: f.title,
      Description: f.description ?? '',
      Url: f.url,
      MsgId: BigInt(msgId),
    }),
  /** Any event: `fields` are added after `Event` verbatim (nested objects become nested elements). */
  event: (p: Parties, event: string, fields: XmlInputElement = {}) =>
    envelope(p, 'event', { Event: event, ...fields }),
};
