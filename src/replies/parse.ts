/**
 * Reading a passive reply back from its XML, as WeChat does: the emulator, `wxmp send` and tests use it to check
 * what a server answered.
 * @module
 */
import { WeChatError } from '../errors.js';
import { parseXml, type XmlValue } from '../xml/parse.js';
import { asArray, textOf } from '../xml/read.js';
import type { NewsArticle, Reply } from './types.js';

/** A reply as read from XML, with its addressing. */
export interface ParsedReply {
  toUserName: string;
  fromUserName: string;
  createTime: number;
  reply: Reply;
}

function invalid(reason: string): never {
  throw new WeChatError('REPLY_INVALID', reason);
}

function need(el: XmlValue | undefined, name: string, where: string): string {
  const value = textOf(el, name);
  if (value === undefined || value === '') invalid(`${where} needs ${name}`);
  return value;
}

function opt<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function sub(root: XmlValue, name: string): XmlValue {
  const value = typeof root === 'string' ? undefined : root[name];
  if (value === '') invalid(`<${name}> is empty`);
  if (value === undefined || typeof value === 'string' || Array.isArray(value))
    invalid(`reply needs one <${name}> element`);
  return value;
}

/**
 * Parses reply XML (already decrypted) into a reply value; `success` and `''` are acknowledgements.
 * Throws `REPLY_INVALID` or `XML_MALFORMED` for what WeChat would reject.
 *
 * @example
 * ```ts
 * parseReply('<xml>…<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content></xml>').reply;
 * ```
 */
export function parseReply(body: string): ParsedReply | { toUserName?: undefined; reply: Reply } {
  if (body === '') return { reply: { type: 'empty' } };
  if (body === 'success') return { reply: { type: 'success' } };
  const root = parseXml(body).value;
  const type = need(root, 'MsgType', 'reply');
  const address = {
    toUserName: need(root, 'ToUserName', 'reply'),
    fromUserName: need(root, 'FromUserName', 'reply'),
    createTime: Number(need(root, 'CreateTime', 'reply')),
  };
  if (!Number.isInteger(address.createTime)) invalid('CreateTime must be an integer (seconds)');
  switch (type) {
    case 'text':
      if (textOf(root, 'Content') === undefined) invalid('a text reply needs Content');
      if (textOf(root, 'Content') === '') invalid('the Content of a text reply is empty');
      return { ...address, reply: { type, content: textOf(root, 'Content')! } };
    case 'image':
      return { ...address, reply: { type, mediaId: need(sub(root, 'Image'), 'MediaId', 'Image') } };
    case 'voice':
      return { ...address, reply: { type, mediaId: need(sub(root, 'Voice'), 'MediaId', 'Voice') } };
    case 'video': {
      const v = sub(root, 'Video');
      return {
        ...address,
        reply: {
          type,
          mediaId: need(v, 'MediaId', 'Video'),
          ...opt('title', textOf(v, 'Title')),
          ...opt('description', textOf(v, 'Description')),
        },
      };
    }
    case 'music': {
      const m = sub(root, 'Music');
      return {
        ...address,
        reply: {
          type,
          thumbMediaId: need(m, 'ThumbMediaId', 'Music'),
          ...opt('title', textOf(m, 'Title')),
          ...opt('description', textOf(m, 'Description')),
          ...opt('musicUrl', textOf(m, 'MusicUrl')),
          ...opt('hqMusicUrl', textOf(m, 'HQMusicUrl')),
        },
      };
    }
    case 'news': {
      const items = asArray(sub(root, 'Articles'), 'item');
      const count = Number(need(root, 'ArticleCount', 'a news reply'));
      if (count !== items.length)
        invalid(`ArticleCount is ${count} but ${items.length} <item> elements follow`);
      if (items.length === 0) invalid('a news reply needs at least one article');
      const articles = items.map((item): NewsArticle => ({
        title: textOf(item, 'Title') ?? '',
        ...opt('description', textOf(item, 'Description')),
        ...opt('picUrl', textOf(item, 'PicUrl')),
        ...opt('url', textOf(item, 'Url')),
      }));
      return { ...address, reply: { type, articles } };
    }
    case 'transfer_customer_service': {
      const info = typeof root === 'string' ? undefined : root['TransInfo'];
      const kf = info === undefined || Array.isArray(info) ? undefined : textOf(info, 'KfAccount');
      return { ...address, reply: kf === undefined ? { type } : { type, kfAccount: kf } };
    }
    default:
      return invalid(`unknown reply MsgType "${type.slice(0, 40)}"`);
  }
}
