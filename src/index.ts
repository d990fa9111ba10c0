/**
 * wxmp: the backend of a WeChat Official Account in TypeScript.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { Router, createWebhook, reply } from 'wxmp';
 * import { nodeHandler } from 'wxmp/adapters/node';
 * const bot = new Router();
 * bot.on('text', (ctx) => reply.text(ctx.message.content));
 * createServer(nodeHandler(createWebhook(bot, { token: process.env.WECHAT_TOKEN! }))).listen(3000);
 * ```
 * @module
 */
export * from './errors.js';
export * from './logger.js';
export * from './crypto/index.js';
export { parseXml, textOf, asArray, type XmlDocument, type XmlElement, type XmlValue } from './xml/parse.js';
export { buildXml, cdata, xmlSafeText, type XmlInput, type XmlInputElement } from './xml/build.js';
export type * from './messages/types.js';
export { parseMessage, messageFromXml, dedupKey } from './messages/parse.js';
export type * from './replies/types.js';
export { reply, MAX_NEWS_ARTICLES } from './replies/reply.js';
export { renderReply, toReply, type ReplyAddress } from './replies/render.js';
export * from './webhook/index.js';
