/**
 * What the emulated world is made of, as plain JSON types: the account and its server configuration, its fans, the
 * files it stores, the pushes to the developer's webhook, the menu a fan sees and the QR codes a fan can scan.
 * `EmulatorState` (`state.ts`) holds them; the phone page reads them as JSON.
 *
 * Types only: the phone page's type-check (`tsconfig.browser.json`) reads this file, so it imports nothing that
 * runs in Node.
 * @module
 */
import type { EncryptionMode } from '../crypto/mode.js';
import type { ChatEntry } from './chat-entry.js';

/** The emulated account and how its server is configured. */
export interface EmulatedAccount {
  appId: string;
  appSecret: string;
  /** The original id (`gh_…`), ToUserName of every push. */
  ghId: string;
  /** Display name on the phone page. */
  name: string;
  /** Server configuration: Token, EncodingAESKey and mode, and the webhook URL pushes go to. */
  token: string;
  encodingAESKey: string;
  mode: EncryptionMode;
  webhookUrl: string | undefined;
}

/** A fan (a WeChat user) of the account. */
export interface Fan {
  openid: string;
  nickname: string;
  /** Data URL or path of an avatar, for the page. */
  avatar?: string;
  unionid?: string;
  following: boolean;
  /** Unix seconds. */
  subscribeTime: number;
  subscribeScene: string;
  qrScene: number;
  qrSceneStr: string;
  remark: string;
  language: string;
  tagIds: number[];
  blacklisted: boolean;
  /** Last time the fan sent a message (ms), for the customer-service 48-hour window. */
  lastMessageAt?: number;
  /** Last menu click, follow or scan (ms), for the 1-minute window. */
  lastEventAt?: number;
}

/** A stored file: temporary media, permanent material, or an article image. */
export interface StoredMedia {
  mediaId: string;
  type: 'image' | 'voice' | 'video' | 'thumb' | 'news';
  permanent: boolean;
  /** Base64 of the bytes (JSON-friendly); empty for news. */
  data: string;
  contentType: string;
  filename: string;
  /** ms */
  createdAt: number;
  url?: string;
  title?: string;
  introduction?: string;
  /** Legacy news material. */
  newsItems?: unknown[];
}

/** One push to the developer's webhook with every attempt, for the developer panel. */
export interface PushRecord {
  id: string;
  openid: string;
  /** What was pushed: `text`, `event.CLICK`, … */
  kind: string;
  mode: EncryptionMode;
  /** The plaintext message XML. */
  messageXml: string;
  /** The exact request body (encrypted in compatible/safe mode) and query string. */
  requestBody: string;
  requestQuery: string;
  attempts: { at: number; status?: number; ms: number; error?: string; body?: string }[];
  /** The decrypted reply XML, or `success` / ''. */
  replyXml?: string;
  /** `ok`, or the reason WeChat would reject the answer (the fan then sees the service notice). */
  verdict: { ok: true } | { ok: false; reason: string };
  at: number;
}

/** The result of one push: the record the developer panel shows and the chat entries the fan got. */
export interface PushOutcome {
  record: PushRecord;
  /** The reply (or the service notice) added to the fan's chat; empty for `success` or silent events. */
  entries: ChatEntry[];
}

/** A menu button as the menu API stores it (the request's JSON) and the phone page draws it. */
export interface MenuButton {
  type?: string;
  name: string;
  key?: string;
  url?: string;
  media_id?: string;
  article_id?: string;
  appid?: string;
  pagepath?: string;
  sub_button?: MenuButton[];
}

/** The menu a fan sees: the newest matching conditional menu, else the default menu. */
export interface FanMenu {
  button: MenuButton[];
  menuid: string;
  /** Whether it is a conditional menu (its menu events then carry `MenuId`). */
  conditional: boolean;
}

/** A QR code with parameters a fan can scan, as the scan events carry its scene. */
export interface QrScene {
  ticket: string;
  /** The scene value as EventKey carries it (`123` or `promo`). */
  scene: string;
  /** Set for numeric scenes (QR_SCENE, QR_LIMIT_SCENE). */
  sceneId?: number;
  /** Set for string scenes (QR_STR_SCENE, QR_LIMIT_STR_SCENE). */
  sceneStr?: string;
}
