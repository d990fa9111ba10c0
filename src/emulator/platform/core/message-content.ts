/**
 * Messages sent through the API — customer-service messages and mass sends, WeChat's JSON with snake_case fields —
 * turned into the chat entries the phone shows (`chat-entry.ts`), checked on the way as WeChat checks them. One
 * function per message type; the two APIs share those they have in common (`text`, `voice`, `mpnews`, `wxcard`).
 * @module
 */
import type { ChatArticle, ChatContent, ChatMedia } from '../../chat-entry.js';
import type { EmulatorState } from '../../state.js';
import { findNews, findPublishedArticle } from './article-store.js';
import { findMedia, mediaPath, mediaUrl } from './media-store.js';
import { fail, textOf } from './respond.js';

/**
 * What a message may point at, looked up by the caller: a stored file (40007 when it is not there), the articles of
 * a draft or news material (`mpnews`), those of a published article (`mpnewsarticle`).
 *
 * @example
 * ```ts
 * import { mediaPath } from './media-store.js';
 * const lookup: MessageLookup = {
 *   media: (id) => ({ mediaId: String(id), url: mediaPath(String(id)) }),
 *   news: () => [],
 *   published: () => [],
 * };
 * customServiceContent({ msgtype: 'image', image: { media_id: 'M' } }, lookup);
 * // { msgType: 'image', payload: { mediaId: 'M', url: '/__emulator/media/M' } }
 * ```
 */
export interface MessageLookup {
  media(mediaId: unknown): ChatMedia;
  news(mediaId: unknown): readonly unknown[];
  published(articleId: unknown): readonly unknown[];
}

/**
 * The lookups of the emulator's stores: live media of any kind (40007 otherwise) with its URL on `origin`, the
 * articles of a draft or news material (40007), those of a published article (53600).
 *
 * @example
 * ```ts
 * const body = { msgtype: 'text', text: { content: 'hi' } };
 * const content = customServiceContent(body, messageLookup(state, 'http://127.0.0.1:3000'));
 * ```
 */
export function messageLookup(state: EmulatorState, origin: string): MessageLookup {
  return {
    media: (id) => {
      const media = findMedia(state, id, 'any');
      return { mediaId: media.mediaId, url: mediaUrl(origin, media.mediaId) };
    },
    news: (id) => findNews(state, id) ?? fail(40007),
    published: (id) => findPublishedArticle(state, id).articles,
  };
}

type Raw = Record<string, unknown>;
type Build = (raw: Raw, lookup: MessageLookup) => ChatContent;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
/** The field when it is a non-empty string, as a property to spread (optional fields are left out otherwise). */
const opt = <K extends string>(key: K, value: unknown): { [P in K]?: string } =>
  (typeof value === 'string' && value !== '' ? { [key]: value } : {}) as { [P in K]?: string };
const objects = (value: unknown): Raw[] =>
  Array.isArray(value) ? value.filter((v): v is Raw => typeof v === 'object' && v !== null) : [];

/** A customer-service `news` article: `picurl` as WeChat spells it. */
function newsArticle(a: Raw): ChatArticle {
  return {
    title: str(a['title']),
    ...opt('description', a['description']),
    ...opt('url', a['url']),
    ...opt('picUrl', a['picurl']),
  };
}

/** An article of a draft or a publication: `digest` and `thumb_url`; the page once published, else the source. */
function draftArticle(a: Raw): ChatArticle {
  return {
    title: str(a['title']),
    ...opt('description', a['digest']),
    ...opt('url', str(a['url']) || a['content_source_url']),
    ...opt('picUrl', a['thumb_url']),
  };
}

const text: Build = (raw) => {
  const content = str(raw['content']);
  if (content === '') fail(44004);
  return { msgType: 'text', payload: { content } };
};

const image: Build = (raw, lookup) => ({ msgType: 'image', payload: lookup.media(raw['media_id']) });

const voice: Build = (raw, lookup) => ({ msgType: 'voice', payload: lookup.media(raw['media_id']) });

const video: Build = (raw, lookup) => {
  const thumb = str(raw['thumb_media_id']);
  return {
    msgType: 'video',
    payload: {
      ...lookup.media(raw['media_id']),
      ...(thumb === '' ? {} : { thumbMediaId: thumb, thumbUrl: mediaPath(thumb) }),
      ...opt('title', raw['title']),
      ...opt('description', raw['description']),
    },
  };
};

const music: Build = (raw, lookup) => {
  const thumb = lookup.media(raw['thumb_media_id']);
  return {
    msgType: 'music',
    payload: {
      ...opt('title', raw['title']),
      ...opt('description', raw['description']),
      ...opt('musicUrl', raw['musicurl']),
      ...opt('hqMusicUrl', raw['hqmusicurl']),
      thumbMediaId: thumb.mediaId,
      thumbUrl: thumb.url,
    },
  };
};

// Customer-service news carries exactly one article.
const news: Build = (raw) => {
  const articles = raw['articles'];
  if (!Array.isArray(articles) || articles.length === 0) fail(47001);
  if (articles.length > 1) fail(45008);
  return { msgType: 'news', payload: { articles: objects(articles).map(newsArticle) } };
};

const mpnews: Build = (raw, lookup) => ({
  msgType: 'mpnews',
  payload: {
    mediaId: str(raw['media_id']),
    articles: objects(lookup.news(raw['media_id'])).map(draftArticle),
  },
});

const mpnewsarticle: Build = (raw, lookup) => ({
  msgType: 'mpnewsarticle',
  payload: {
    articleId: str(raw['article_id']),
    articles: objects(lookup.published(raw['article_id'])).map(draftArticle),
  },
});

const msgmenu: Build = (raw) => ({
  msgType: 'msgmenu',
  payload: {
    headContent: str(raw['head_content']),
    items: objects(raw['list']).map((item) => ({ id: textOf(item['id']), content: str(item['content']) })),
    tailContent: str(raw['tail_content']),
  },
});

const wxcard: Build = (raw) => ({ msgType: 'wxcard', payload: { cardId: str(raw['card_id']) } });

const miniprogrampage: Build = (raw, lookup) => {
  const thumb = lookup.media(raw['thumb_media_id']);
  return {
    msgType: 'miniprogrampage',
    payload: {
      title: str(raw['title']),
      appid: str(raw['appid']),
      pagepath: str(raw['pagepath']),
      thumbMediaId: thumb.mediaId,
      thumbUrl: thumb.url,
    },
  };
};

// A mass send of pictures names them all in `media_ids`.
const images: Build = (raw, lookup) => {
  const ids = raw['media_ids'];
  if (!Array.isArray(ids) || ids.length === 0) fail(40007);
  const [first, ...more] = ids.map((id) => lookup.media(id));
  return { msgType: 'image', payload: { ...first!, ...(more.length > 0 ? { more } : {}) } };
};

const mpvideo: Build = (raw, lookup) => ({
  msgType: 'mpvideo',
  payload: {
    ...lookup.media(raw['media_id']),
    ...opt('title', raw['title']),
    ...opt('description', raw['description']),
  },
});

const CUSTOMER_SERVICE: Readonly<Record<string, Build>> = {
  text,
  image,
  voice,
  video,
  music,
  news,
  mpnews,
  mpnewsarticle,
  msgmenu,
  wxcard,
  miniprogrampage,
};

// `image` travels as `images` in a mass send.
const MASS: Readonly<Record<string, { field: string; build: Build }>> = {
  mpnews: { field: 'mpnews', build: mpnews },
  text: { field: 'text', build: text },
  voice: { field: 'voice', build: voice },
  image: { field: 'images', build: images },
  mpvideo: { field: 'mpvideo', build: mpvideo },
  wxcard: { field: 'wxcard', build: wxcard },
};

/** The request's object of one msgtype: 47001 when it is missing or not an object. */
function messageObject(body: Raw, field: string): Raw {
  const raw = body[field];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(47001);
  return raw as Raw;
}

const msgtypeOf = (body: Raw): string => str(body['msgtype']);

/**
 * One message object of an API (`raw`: the request's object of `msgtype`) as a chat entry's content; 40008 for a
 * msgtype that API does not send.
 *
 * @example
 * ```ts
 * const lookup = messageLookup(state, 'http://127.0.0.1:3000');
 * messageContent('customer-service', 'text', { content: 'hi' }, lookup); // { msgType: 'text', payload: { content: 'hi' } }
 * ```
 */
export function messageContent(
  api: 'customer-service' | 'mass',
  msgtype: string,
  raw: Raw,
  lookup: MessageLookup,
): ChatContent {
  if (api === 'customer-service') {
    if (!Object.hasOwn(CUSTOMER_SERVICE, msgtype)) fail(40008);
    return CUSTOMER_SERVICE[msgtype]!(raw, lookup);
  }
  if (!Object.hasOwn(MASS, msgtype)) fail(40008);
  return MASS[msgtype]!.build(raw, lookup);
}

/**
 * A message/custom/send request's message as the fan's chat shows it: 40008 for a msgtype customer service does
 * not send, 47001 without its object, and each type's own checks (44004 empty text, 40007 unknown media…).
 *
 * @example
 * ```ts
 * const lookup = messageLookup(state, 'http://127.0.0.1:3000');
 * customServiceContent({ msgtype: 'text', text: { content: 'hi' } }, lookup); // { msgType: 'text', payload: { content: 'hi' } }
 * ```
 */
export function customServiceContent(body: Raw, lookup: MessageLookup): ChatContent {
  const msgtype = msgtypeOf(body);
  if (!Object.hasOwn(CUSTOMER_SERVICE, msgtype)) fail(40008);
  return messageContent('customer-service', msgtype, messageObject(body, msgtype), lookup);
}

/**
 * A mass-send request's message as the fans' chats show it (40008 for a msgtype mass sends do not carry), with the
 * number of articles the job holds (mpnews: the draft's; voice and video: 1) for mass/delete.
 *
 * @example
 * ```ts
 * const lookup = messageLookup(state, 'http://127.0.0.1:3000');
 * const { content, articleCount } = massContent({ msgtype: 'text', text: { content: 'hi' } }, lookup);
 * ```
 */
export function massContent(
  body: Raw,
  lookup: MessageLookup,
): { content: ChatContent; articleCount: number } {
  const msgtype = msgtypeOf(body);
  if (!Object.hasOwn(MASS, msgtype)) fail(40008);
  const content = messageContent('mass', msgtype, messageObject(body, MASS[msgtype]!.field), lookup);
  const articleCount =
    content.msgType === 'mpnews'
      ? content.payload.articles.length
      : msgtype === 'voice' || msgtype === 'mpvideo'
        ? 1
        : 0;
  return { content, articleCount };
}
