/**
 * One fan's chat, as typed entries: every message and notice has one shape per type, whatever its source — the
 * fan's own messages, passive replies (XML), customer-service messages and mass sends (JSON with WeChat's
 * snake_case), template and subscription messages, system notes. Each source turns its data into these types where
 * it creates the entry, so the phone page draws each type one way.
 *
 * Types and one constant: the phone page's type-check (`tsconfig.browser.json`) reads this file, so it imports
 * nothing that runs in Node.
 * @module
 */

/** How an entry reached the chat: the fan sent it, a passive reply, the customer-service API, a mass send, a
 *  template or subscription message, or a note of the emulator (follows, the service notice). */
export type ChatVia = 'fan' | 'reply' | 'customer-service' | 'mass' | 'template' | 'system';

/** A stored file as the chat shows it: its media_id and where the emulator serves it. */
export interface ChatMedia {
  mediaId: string;
  /** `/__emulator/media/…` (absolute for files the platform API stored, relative for the fan's own). */
  url: string;
}

/** A text message. */
export interface TextPayload {
  content: string;
}

/** A picture; a mass send of several pictures lists the others in `more` (WeChat shows them together). */
export interface ImagePayload extends ChatMedia {
  more?: ChatMedia[];
}

/** A voice message; `format` as the fan's file had it (amr, mp3…). */
export interface VoicePayload extends ChatMedia {
  format?: string;
}

/** A video, with its thumbnail when there is one. */
export interface VideoPayload extends ChatMedia {
  thumbMediaId?: string;
  thumbUrl?: string;
  title?: string;
  description?: string;
}

/** A music card. */
export interface MusicPayload {
  title?: string;
  description?: string;
  musicUrl?: string;
  hqMusicUrl?: string;
  thumbMediaId: string;
  thumbUrl: string;
}

/** One article of a news card. */
export interface ChatArticle {
  title: string;
  description?: string;
  url?: string;
  picUrl?: string;
}

/** A news card of one or more articles (a passive `news` reply, customer-service `news`). */
export interface NewsPayload {
  articles: ChatArticle[];
}

/** The articles of a draft or news material (`mpnews`). */
export interface MpNewsPayload extends NewsPayload {
  mediaId: string;
}

/** The articles of a published article (`mpnewsarticle`). */
export interface MpNewsArticlePayload extends NewsPayload {
  articleId: string;
}

/** A place the fan sent. */
export interface LocationPayload {
  latitude: number;
  longitude: number;
  scale: number;
  label: string;
}

/** A link the fan sent. */
export interface LinkPayload {
  title: string;
  description: string;
  url: string;
}

/** A mini-program card. */
export interface MiniProgramPagePayload {
  title: string;
  appid: string;
  pagepath: string;
  thumbMediaId: string;
  thumbUrl: string;
}

/** A customer-service menu message: tapping an item sends its text with the item's id. */
export interface MsgMenuPayload {
  headContent: string;
  items: { id: string; content: string }[];
  tailContent: string;
}

/** A card voucher. */
export interface WxCardPayload {
  cardId: string;
}

/** A template message, its content already filled in from `data`. */
export interface TemplatePayload {
  templateId: string;
  title: string;
  content: string;
  data: Readonly<Record<string, unknown>>;
  url?: string;
  miniprogram?: unknown;
}

/** A subscription message: the `data` fields one line each in `content`. */
export interface SubscribePayload {
  templateId: string;
  content: string;
  data: Readonly<Record<string, unknown>>;
  /** The mini-program page it opens. */
  page?: string;
  miniprogram?: unknown;
}

/** A line of the emulator in the chat; `pushId` links the service notice to the push that failed. */
export interface NoticePayload {
  content: string;
  pushId?: string;
}

/**
 * What an entry shows: WeChat's message type and its content. A union on `msgType`, so `payload` is typed by it.
 */
export type ChatContent =
  | { msgType: 'text'; payload: TextPayload }
  | { msgType: 'image'; payload: ImagePayload }
  | { msgType: 'voice'; payload: VoicePayload }
  /** `mpvideo`: a video of a mass send. */
  | { msgType: 'video' | 'mpvideo'; payload: VideoPayload }
  | { msgType: 'music'; payload: MusicPayload }
  | { msgType: 'news'; payload: NewsPayload }
  | { msgType: 'mpnews'; payload: MpNewsPayload }
  | { msgType: 'mpnewsarticle'; payload: MpNewsArticlePayload }
  | { msgType: 'location'; payload: LocationPayload }
  | { msgType: 'link'; payload: LinkPayload }
  | { msgType: 'miniprogrampage'; payload: MiniProgramPagePayload }
  | { msgType: 'msgmenu'; payload: MsgMenuPayload }
  | { msgType: 'wxcard'; payload: WxCardPayload }
  | { msgType: 'template'; payload: TemplatePayload }
  | { msgType: 'subscribe'; payload: SubscribePayload }
  /** `system`: a note of the emulator; `transfer_customer_service`: the reply handed the fan to customer service. */
  | { msgType: 'system' | 'transfer_customer_service'; payload: NoticePayload };

/**
 * Every message type a chat entry can have.
 */
export type ChatMsgType = ChatContent['msgType'];

/** Who, when, and how: the part of an entry that is not its content. */
export interface ChatEntryMeta {
  id: string;
  openid: string;
  /** `in`: the fan sent it; `out`: the account sent it. */
  direction: 'in' | 'out';
  via: ChatVia;
  /** The kf account a customer-service message was sent as (`customservice.kf_account`). */
  kfAccount?: string;
  /** The mass-send job (`msg_id`) a mass message belongs to. */
  msgId?: string;
  /** A mass preview (`mass/preview`) rather than a send. */
  preview?: true;
  /** ms */
  at: number;
}

/**
 * One entry of a fan's chat, as the phone page shows it.
 *
 * @example
 * ```ts
 * function describe(entry: ChatEntry): string {
 *   return entry.msgType === 'text' ? entry.payload.content : `[${entry.msgType}]`;
 * }
 * ```
 */
export type ChatEntry = ChatEntryMeta & ChatContent;

/**
 * An entry to add to a chat: the state gives it its id, and its time unless `at` is set.
 *
 * @example
 * ```ts
 * state.addChat({ openid: 'oFan1', direction: 'out', via: 'system', msgType: 'system', payload: { content: 'hi' } });
 * ```
 */
export type NewChatEntry = Omit<ChatEntryMeta, 'id' | 'at'> & { at?: number } & ChatContent;

/**
 * The version of the chat entries' shape in a state file (`chatFormat`); files without it are from before entries
 * were typed, and are upgraded when loaded (`saved-chats.ts`).
 *
 * @example
 * ```ts
 * const current = (JSON.parse('{"chatFormat":2}') as { chatFormat?: number }).chatFormat === CHAT_FORMAT;
 * ```
 */
export const CHAT_FORMAT = 2;
