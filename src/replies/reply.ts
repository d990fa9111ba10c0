/**
 * Builders for passive replies.
 * @module
 */
import { WeChatError } from '../errors.js';
import type { NewsArticle, Reply } from './types.js';

/** WeChat's current limit for news replies to events; replies to a fan's message may hold only 1. */
export const MAX_NEWS_ARTICLES = 8;

function required(kind: string, field: string, value: string): void {
  if (typeof value !== 'string' || value === '') {
    throw new WeChatError('REPLY_INVALID', `reply.${kind}() needs a non-empty ${field}`);
  }
}

/**
 * Reply builders.
 *
 * @example
 * ```ts
 * bot.on('text', (ctx) => reply.text(`you said ${ctx.message.content}`));
 * bot.on('event.subscribe', () => reply.news({ title: '欢迎', url: 'https://example.com' }));
 * ```
 */
export const reply = {
  /** A text reply; newlines and `<a href="…">` links are kept. */
  text(content: string): Reply {
    if (typeof content !== 'string') throw new WeChatError('REPLY_INVALID', 'reply.text() needs a string');
    return { type: 'text', content };
  },
  /** An image by media_id (uploaded temporary or permanent material). */
  image(mediaId: string): Reply {
    required('image', 'mediaId', mediaId);
    return { type: 'image', mediaId };
  },
  /** A voice message by media_id. */
  voice(mediaId: string): Reply {
    required('voice', 'mediaId', mediaId);
    return { type: 'voice', mediaId };
  },
  /** A video by media_id, with optional title and description. */
  video(video: { mediaId: string; title?: string; description?: string }): Reply {
    required('video', 'mediaId', video.mediaId);
    return { type: 'video', ...video };
  },
  /** Music; `thumbMediaId` is required by WeChat. */
  music(music: {
    thumbMediaId: string;
    title?: string;
    description?: string;
    musicUrl?: string;
    hqMusicUrl?: string;
  }): Reply {
    required('music', 'thumbMediaId', music.thumbMediaId);
    return { type: 'music', ...music };
  },
  /**
   * News cards: 1 article when answering a fan's message, up to 8 when answering an event. The limit is checked
   * when the reply is rendered, where it is known what it answers.
   */
  news(articles: NewsArticle | NewsArticle[]): Reply {
    const list = Array.isArray(articles) ? articles : [articles];
    if (list.length === 0) throw new WeChatError('REPLY_INVALID', 'reply.news() needs at least one article');
    if (list.length > MAX_NEWS_ARTICLES) {
      throw new WeChatError(
        'REPLY_INVALID',
        `reply.news() got ${list.length} articles; WeChat allows at most ${MAX_NEWS_ARTICLES}`,
        {
          hint: 'Send the rest with the customer-service API or split them into several pushes',
        },
      );
    }
    for (const article of list) required('news', 'title', article.title);
    return { type: 'news', articles: list };
  },
  /** Hands the conversation to the customer-service system, optionally to one agent (`test1@test`). */
  transferCustomerService(kfAccount?: string): Reply {
    return kfAccount === undefined
      ? { type: 'transfer_customer_service' }
      : { type: 'transfer_customer_service', kfAccount };
  },
  /** Acknowledges without replying (body `success`); stops WeChat's retries. */
  success(): Reply {
    return { type: 'success' };
  },
  /** Acknowledges with an empty body. */
  empty(): Reply {
    return { type: 'empty' };
  },
} as const;
