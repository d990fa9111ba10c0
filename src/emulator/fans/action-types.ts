/**
 * The shapes of the fan actions: what each takes and what it returns. Types only: the phone page's type-check
 * reads this file too.
 * @module
 */
import type { ChatEntry } from '../chat-entry.js';
import type { PushOutcome } from '../world.js';

/** A file from the fan's phone (the page's file picker, or a test). */
export interface FanFile {
  /** The bytes, or their base64. */
  data: Uint8Array | string;
  contentType: string;
  filename: string;
}

/** What an action did: the fan's own chat entries and each push with the reply (or notice) it produced. */
export interface ActionResult {
  sent: ChatEntry[];
  pushes: PushOutcome[];
  /** For menu buttons that open something: the page to open (VIEW) or the sub-menu's names (parent button). */
  opened?: { url?: string; subMenu?: string[]; miniprogram?: { appid: string; pagepath: string } };
}

/** Which button a tap hits: a path of indexes (`[1, 0]`: second top button, first sub-button) or a key. */
export type MenuTarget = { path: number[] } | { key: string };

/** What some menu buttons ask the fan for first. */
export interface MenuInput {
  /** scancode_push / scancode_waitmsg: the scanned text. */
  scanResult?: string | undefined;
  scanType?: string | undefined;
  /** pic_sysphoto / pic_photo_or_album / pic_weixin: the photo. */
  photo?: FanFile | undefined;
  /** location_select: the chosen place. */
  location?:
    | {
        latitude: number;
        longitude: number;
        scale?: number | undefined;
        label?: string | undefined;
        poiname?: string | undefined;
      }
    | undefined;
}

/** A place the fan sends (a location message). */
export interface FanPlace {
  latitude: number;
  longitude: number;
  scale?: number | undefined;
  label?: string | undefined;
}

/** A link the fan sends (a link message, e.g. shared from a web page). */
export interface FanLink {
  title: string;
  description?: string | undefined;
  url: string;
}

/** Where the fan's phone is (the LOCATION event of accounts that ask for it). */
export interface FanPosition {
  latitude: number;
  longitude: number;
  precision?: number | undefined;
}

/** The fan's answer to one template of a subscription popup (订阅通知弹窗). */
export interface SubscribeChoice {
  templateId: string;
  accept: boolean;
}

/** The fan's answer on the one-time subscription page (`mp/subscribemsg`), and where WeChat sends them after. */
export interface OneTimeConsent {
  templateId: string;
  scene: string;
  redirectUrl: string;
  reserved?: string | undefined;
  action: 'confirm' | 'cancel';
}

/** A sent article, by its send's msg_data_id and 0-based index. */
export interface ArticleRef {
  msgDataId: string;
  index: number;
}

/** A sent article as the phone page lists it, with the comments this fan sees (their own, and the elected ones). */
export interface FanArticle {
  msgDataId: string;
  index: number;
  title: string;
  url?: string;
  commentsOpen: boolean;
  comments: { id: number; mine: boolean; content: string; elected: boolean; reply?: string }[];
}

/** A subscription template of the account as the phone's consent sheet lists it, with this fan's choice. */
export interface FanSubscription {
  templateId: string;
  title: string;
  /** 2 one-time, 3 long-term. */
  type: 2 | 3;
  content: string;
  status: 'accept' | 'reject' | null;
}

/** Every fan action; each returns once WeChat would be done with the push (the reply is in the chat). */
export interface FanActions {
  /** `bizMsgMenuId`: the fan tapped an item of a customer-service `msgmenu` message. */
  text(
    openid: string,
    content: string,
    options?: { bizMsgMenuId?: string | undefined },
  ): Promise<ActionResult>;
  image(openid: string, file: FanFile): Promise<ActionResult>;
  voice(openid: string, file: FanFile): Promise<ActionResult>;
  video(openid: string, file: FanFile, thumb?: FanFile): Promise<ActionResult>;
  location(openid: string, place: FanPlace): Promise<ActionResult>;
  link(openid: string, link: FanLink): Promise<ActionResult>;
  menu(openid: string, target: MenuTarget, input?: MenuInput): Promise<ActionResult>;
  follow(openid: string): Promise<ActionResult>;
  unfollow(openid: string): Promise<ActionResult>;
  scan(openid: string, ticket: string): Promise<ActionResult>;
  reportLocation(openid: string, where: FanPosition): Promise<ActionResult>;
  /** Answers a subscription popup (in an article: scene 2, or a web page: 1): pushes subscribe_msg_popup_event. */
  subscribePopup(openid: string, choices: SubscribeChoice[], scene: 1 | 2): Promise<ActionResult>;
  /** Turns a subscription off in the notification settings: pushes subscribe_msg_change_event (reject). */
  rejectSubscription(openid: string, templateId: string): Promise<ActionResult>;
  /** Answers the one-time subscription page; `opened.url` is where WeChat sends the fan with the answer. */
  subscribeOnce(openid: string, consent: OneTimeConsent): Promise<ActionResult>;
  /** Reads a sent article (counted by the statistics). */
  readArticle(openid: string, article: ArticleRef): Promise<ActionResult>;
  /** Shares a sent article with a friend (counted by the statistics). */
  shareArticle(openid: string, article: ArticleRef): Promise<ActionResult>;
  /** Comments on a sent article whose comments are open. */
  comment(openid: string, article: ArticleRef, content: string): Promise<ActionResult>;
  /** Takes back one of the fan's own comments. */
  deleteComment(openid: string, article: ArticleRef, userCommentId: number): Promise<ActionResult>;
}
