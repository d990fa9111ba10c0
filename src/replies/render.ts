/**
 * Renders a reply value into the XML WeChat reads (before any encryption).
 * @module
 */
import { WeChatError } from '../errors.js';
import { cdata } from '../xml/build.js';
import { MAX_NEWS_ARTICLES } from './reply.js';
import type { Reply, ReplyValue } from './types.js';

/** Whom the reply goes to, and what it answers; normally taken from the message. */
export interface ReplyAddress {
  /** The fan's openid (the message's FromUserName). */
  toUserName: string;
  /** The account's `gh_` id (the message's ToUserName). */
  fromUserName: string;
  /** Unix seconds. */
  createTime: number;
  /** True when answering a message the fan sent: news replies may then hold only 1 article. */
  answersUserMessage: boolean;
}

const EMPTY_CDATA = cdata('');

function optionalCdata(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<${name}>${cdata(value)}</${name}>`;
}

function payload(reply: Exclude<Reply, { type: 'success' | 'empty' }>, address: ReplyAddress): string {
  switch (reply.type) {
    case 'text': {
      const content = cdata(reply.content);
      // Empty once cleaned: WeChat counts an empty Content as a failed answer; "no reply" is `success`.
      if (content === EMPTY_CDATA)
        throw new WeChatError('REPLY_INVALID', 'a text reply needs some text', {
          hint: 'return nothing (or reply.success()) when there is nothing to say',
        });
      return `<Content>${content}</Content>`;
    }
    case 'image':
      return `<Image><MediaId>${cdata(reply.mediaId)}</MediaId></Image>`;
    case 'voice':
      return `<Voice><MediaId>${cdata(reply.mediaId)}</MediaId></Voice>`;
    case 'video':
      return `<Video><MediaId>${cdata(reply.mediaId)}</MediaId>${optionalCdata('Title', reply.title)}${optionalCdata('Description', reply.description)}</Video>`;
    case 'music':
      return (
        `<Music>${optionalCdata('Title', reply.title)}${optionalCdata('Description', reply.description)}` +
        `${optionalCdata('MusicUrl', reply.musicUrl)}${optionalCdata('HQMusicUrl', reply.hqMusicUrl)}` +
        `<ThumbMediaId>${cdata(reply.thumbMediaId)}</ThumbMediaId></Music>`
      );
    case 'news': {
      const limit = address.answersUserMessage ? 1 : MAX_NEWS_ARTICLES;
      if (reply.articles.length === 0)
        throw new WeChatError('REPLY_INVALID', 'a news reply needs at least one article', {
          hint: 'return nothing (or reply.success()) when there is no article to send',
        });
      if (reply.articles.length > limit) {
        throw new WeChatError(
          'REPLY_INVALID',
          `a news reply to ${address.answersUserMessage ? "a fan's message" : 'an event'} may hold ${limit} article(s), got ${reply.articles.length}`,
          { hint: 'WeChat would drop the rest silently; send them with the customer-service API instead' },
        );
      }
      const items = reply.articles
        .map(
          (a) =>
            `<item><Title>${cdata(a.title)}</Title>${optionalCdata('Description', a.description)}` +
            `${optionalCdata('PicUrl', a.picUrl)}${optionalCdata('Url', a.url)}</item>`,
        )
        .join('');
      return `<ArticleCount>${reply.articles.length}</ArticleCount><Articles>${items}</Articles>`;
    }
    case 'transfer_customer_service':
      return reply.kfAccount === undefined
        ? ''
        : `<TransInfo><KfAccount>${cdata(reply.kfAccount)}</KfAccount></TransInfo>`;
  }
}

/**
 * Normalizes what a handler returned: a string is a text reply; nothing, or an empty string, is `success`.
 *
 * @example
 * ```ts
 * toReply('hi'); // { type: 'text', content: 'hi' }
 * toReply('');   // { type: 'success' }
 * ```
 */
export function toReply(value: ReplyValue | undefined | void): Reply {
  // `''` reads as "nothing to say" (a text reply with empty Content is a failed answer to WeChat).
  if (value === undefined || value === '') return { type: 'success' };
  if (typeof value === 'string') return { type: 'text', content: value };
  return value;
}

/**
 * Renders a reply: `success` → `success`, empty → `''`, anything else → `<xml>…</xml>` addressed to the fan.
 *
 * @example
 * ```ts
 * renderReply({ type: 'text', content: '你好' }, { toUserName: 'oUser', fromUserName: 'gh_1', createTime: 1, answersUserMessage: true });
 * ```
 */
export function renderReply(reply: Reply, address: ReplyAddress): string {
  if (reply.type === 'success') return 'success';
  if (reply.type === 'empty') return '';
  return (
    `<xml><ToUserName>${cdata(address.toUserName)}</ToUserName><FromUserName>${cdata(address.fromUserName)}</FromUserName>` +
    `<CreateTime>${Math.floor(address.createTime)}</CreateTime><MsgType><![CDATA[${reply.type}]]></MsgType>` +
    `${payload(reply, address)}</xml>`
  );
}
