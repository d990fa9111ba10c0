/**
 * Passive replies as values: handlers return one (or a plain string, meaning a text reply).
 * @module
 */

/** One article of a news reply. */
export interface NewsArticle {
  title: string;
  description?: string;
  /** JPG or PNG; 360×200 for the large image, 200×200 for small ones. */
  picUrl?: string;
  url?: string;
}

/** Every passive reply WeChat accepts, plus the two acknowledgements (`success`, empty body). */
export type Reply =
  | { type: 'text'; content: string }
  | { type: 'image'; mediaId: string }
  | { type: 'voice'; mediaId: string }
  | { type: 'video'; mediaId: string; title?: string; description?: string }
  | {
      type: 'music';
      thumbMediaId: string;
      title?: string;
      description?: string;
      musicUrl?: string;
      hqMusicUrl?: string;
    }
  | { type: 'news'; articles: NewsArticle[] }
  | { type: 'transfer_customer_service'; kfAccount?: string }
  | { type: 'success' }
  | { type: 'empty' };

/** What a handler may return: a reply, a string (a text reply), or nothing (acknowledged with `success`). */
export type ReplyValue = Reply | string;
