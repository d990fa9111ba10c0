/**
 * The emulator's world: one Official Account, its fans and everything the platform stores for it. Plain data in
 * memory (optionally saved to a JSON file), plus an event feed the phone page and the developer panel follow.
 *
 * Two parts build on it: the platform API (`platform/`, WeChat's HTTP endpoints with WeChat's error codes) and the
 * fan side (`push.ts`, `fans.ts`, `ui/`: what a fan does becomes a push to the developer's webhook).
 * @module
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { EncryptionMode } from '../crypto/mode.js';

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

/** One entry of a fan's chat, as the phone page shows it. */
export interface ChatEntry {
  id: string;
  openid: string;
  /** `in`: the fan sent it; `out`: the account sent it. */
  direction: 'in' | 'out';
  /** How an outgoing message arrived: passive reply, customer-service API, mass send, template, or a system notice. */
  via: 'fan' | 'reply' | 'customer-service' | 'mass' | 'template' | 'system';
  /** WeChat's message type: text, image, voice, video, music, news, location, link, event, template, … */
  msgType: string;
  /** Type-specific content (e.g. `{ content }`, `{ mediaId }`, `{ articles }`), as JSON. */
  payload: Record<string, unknown>;
  /** ms */
  at: number;
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

/** What the state announces; the phone page and the developer panel follow these over SSE. */
export interface StateEvents {
  chat: [ChatEntry];
  push: [PushRecord];
  /** Something the page draws changed: `fans`, `menu`, `account`. */
  change: [what: 'fans' | 'menu' | 'account'];
  /** The account started (`true`) or stopped typing to a fan (message/custom/typing). */
  typing: [openid: string, typing: boolean];
}

/**
 * The emulator's in-memory world. Collections are plain maps so the platform API and the fan side can share them.
 *
 * @example
 * ```ts
 * const state = new EmulatorState({ account });
 * state.on('chat', (entry) => console.log(entry.msgType));
 * ```
 */
export class EmulatorState extends EventEmitter<StateEvents> {
  account: EmulatedAccount;
  /** Moves the emulator's clock forward for tests (`POST /__emulator/clock`). */
  clockOffsetMs = 0;

  fans = new Map<string, Fan>();
  /** The default menu (`{ button }`) and its id, or undefined. */
  menu: { button: unknown[]; menuid: string } | undefined;
  conditionalMenus: { button: unknown[]; matchrule: Record<string, unknown>; menuid: string }[] = [];
  media = new Map<string, StoredMedia>();
  tags = new Map<number, { id: number; name: string }>();
  /** Every fan's chat, oldest first. */
  chats = new Map<string, ChatEntry[]>();
  /** The most recent pushes, newest last (bounded). */
  pushes: PushRecord[] = [];
  /** Everything else the platform keeps (tokens, QR tickets, templates, drafts, publishes, mass sends, OAuth codes,
   *  quotas, faults, stats): owned by the platform modules, keyed by their name, and saved with the rest. */
  platform: Record<string, unknown> = {};

  private sequence = 0;

  constructor(init: { account: EmulatedAccount }) {
    super();
    this.account = init.account;
  }

  /** The emulator's clock in ms (real time plus the test offset). */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** A unique id with a prefix, e.g. `id('media')` → `media_1_ab12…`. */
  id(prefix: string): string {
    this.sequence += 1;
    return `${prefix}_${this.sequence}_${randomBytes(6).toString('hex')}`;
  }

  /** Appends to a fan's chat and announces it. */
  addChat(entry: Omit<ChatEntry, 'id' | 'at'> & { at?: number }): ChatEntry {
    const full: ChatEntry = { ...entry, id: this.id('chat'), at: entry.at ?? this.now() };
    const list = this.chats.get(full.openid) ?? [];
    list.push(full);
    this.chats.set(full.openid, list);
    this.emit('chat', full);
    return full;
  }

  /** Records a push (keeping the last 500) and announces it. */
  addPush(record: PushRecord): void {
    this.pushes.push(record);
    if (this.pushes.length > 500) this.pushes.splice(0, this.pushes.length - 500);
    this.emit('push', record);
  }

  /** The platform module's own storage under `key`, created on first use. */
  slot<T>(key: string, create: () => T): T {
    if (!(key in this.platform)) this.platform[key] = create();
    return this.platform[key] as T;
  }

  /** A JSON-safe snapshot (Maps become arrays) for persisting to a file. */
  toJSON(): Record<string, unknown> {
    return {
      account: this.account,
      clockOffsetMs: this.clockOffsetMs,
      fans: [...this.fans.values()],
      menu: this.menu,
      conditionalMenus: this.conditionalMenus,
      media: [...this.media.values()],
      tags: [...this.tags.values()],
      chats: [...this.chats.entries()],
      platform: this.platform,
      sequence: this.sequence,
    };
  }

  /** Restores a snapshot made by `toJSON` (the account settings given at start win over the saved ones). */
  load(snapshot: Record<string, unknown>): void {
    const s = snapshot as ReturnType<EmulatorState['toJSON']> & {
      fans?: Fan[];
      media?: StoredMedia[];
      tags?: { id: number; name: string }[];
      chats?: [string, ChatEntry[]][];
      menu?: EmulatorState['menu'];
      conditionalMenus?: EmulatorState['conditionalMenus'];
      platform?: Record<string, unknown>;
      clockOffsetMs?: number;
      sequence?: number;
    };
    this.clockOffsetMs = s.clockOffsetMs ?? 0;
    this.fans = new Map((s.fans ?? []).map((f) => [f.openid, f]));
    this.menu = s.menu;
    this.conditionalMenus = s.conditionalMenus ?? [];
    this.media = new Map((s.media ?? []).map((m) => [m.mediaId, m]));
    this.tags = new Map((s.tags ?? []).map((t) => [t.id, t]));
    this.chats = new Map(s.chats ?? []);
    this.platform = s.platform ?? {};
    this.sequence = s.sequence ?? 0;
  }
}
