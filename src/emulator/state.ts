/**
 * The emulator's world: one Official Account, its fans and everything the platform stores for it. Plain data in
 * memory (optionally saved to a JSON file), plus an event feed the phone page and the developer panel follow.
 *
 * Two parts build on it: the platform API (`platform/`, WeChat's HTTP endpoints with WeChat's error codes) and the
 * fan side (`fans/`, `push.ts`, `ui/`: what a fan does becomes a push to the developer's webhook). The shapes it
 * holds are in `world.ts` and `chat-entry.ts`.
 * @module
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { CHAT_FORMAT, type ChatEntry, type NewChatEntry } from './chat-entry.js';
import type { EmulatedAccount, Fan, PushRecord, StoredMedia } from './world.js';

/** What the state announces; the phone page and the developer panel follow these over SSE. */
export interface StateEvents {
  chat: [ChatEntry];
  push: [PushRecord];
  /** Something the page draws changed: `fans`, `menu`, `account`. */
  change: [what: 'fans' | 'menu' | 'account'];
  /** The account started (`true`) or stopped typing to a fan (message/custom/typing). */
  typing: [openid: string, typing: boolean];
  /** Stored data changed that no other event announces (the platform's storage: tokens, quotas, drafts, faults…). */
  modified: [];
}

/**
 * The emulator's in-memory world. Collections are plain maps so the platform API and the fan side can share them.
 *
 * @example
 * ```ts
 * import { DEFAULT_ACCOUNT } from './defaults.js';
 * const state = new EmulatorState({ account: { ...DEFAULT_ACCOUNT, webhookUrl: 'http://127.0.0.1:3000/wx' } });
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
  addChat(entry: NewChatEntry): ChatEntry {
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

  /** Announces a change to stored data that no other event announces, so the state file is saved. */
  markModified(): void {
    this.emit('modified');
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
      chatFormat: CHAT_FORMAT,
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
