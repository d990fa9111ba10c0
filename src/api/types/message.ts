/**
 * Customer-service (客服) message shapes (reference §9.4).
 * @module
 */

/**
 * The payload of each customer-service msgtype, keyed by msgtype.
 */
export interface CustomMessagePayloads {
  text: { content: string };
  image: { media_id: string };
  voice: { media_id: string };
  video: { media_id: string; thumb_media_id: string; title?: string; description?: string };
  music: {
    title?: string;
    description?: string;
    musicurl: string;
    hqmusicurl: string;
    thumb_media_id: string;
  };
  /** Exactly one article (WeChat answers 45008 beyond). */
  news: { articles: [{ title: string; description?: string; url: string; picurl?: string }] };
  mpnews: { media_id: string };
  mpnewsarticle: { article_id: string };
  msgmenu: { head_content: string; list: { id: string; content: string }[]; tail_content: string };
  wxcard: { card_id: string };
  miniprogrampage: { title: string; appid: string; pagepath: string; thumb_media_id: string };
}

/**
 * Every customer-service msgtype.
 */
export type CustomMessageType = keyof CustomMessagePayloads;

/**
 * The body of message/custom/send: `msgtype` names the field that carries the payload.
 */
export type CustomMessage = {
  [T in CustomMessageType]: {
    touser: string;
    msgtype: T;
    /** Send as this customer-service account. */
    customservice?: { kf_account: string };
  } & { [K in T]: CustomMessagePayloads[T] };
}[CustomMessageType];

/**
 * The body of message/custom/typing.
 */
export interface TypingRequest {
  touser: string;
  command: 'Typing' | 'CancelTyping';
}
