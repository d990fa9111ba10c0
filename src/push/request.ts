/**
 * Playing WeChat's side of a push: sign (and in compatible or safe mode encrypt) a message into the request WeChat
 * would send, and check the answer the way WeChat checks it.
 * @module
 */
import { openEnvelope } from '../crypto/envelope.js';
import { MessageCrypto } from '../crypto/message-crypto.js';
import type { EncryptionMode } from '../crypto/mode.js';
import { computeMsgSignature, computeSignature, newNonce } from '../crypto/signature.js';
import { errorMessage, WeChatError } from '../errors.js';
import { parseReply } from '../replies/parse.js';
import type { Reply } from '../replies/types.js';
import { cdata } from '../xml/build.js';
import { parseXml, type XmlElement } from '../xml/parse.js';
import { textOf } from '../xml/read.js';

/** The account settings WeChat signs and encrypts with. */
export interface PushKeys {
  token: string;
  mode: EncryptionMode;
  /** Required for compatible and safe mode. */
  appId?: string | undefined;
  /** Required for compatible and safe mode. */
  encodingAESKey?: string | undefined;
}

/** A push ready to send: `POST ${url}${search}` with `body`. */
export interface PushRequest {
  /** `?signature=…&timestamp=…&nonce=…&openid=…[&encrypt_type=aes&msg_signature=…]`. */
  search: string;
  query: Record<string, string>;
  body: string;
}

/**
 * Creates the MessageCrypto of compatible/safe mode, or undefined in plain mode.
 *
 * @example
 * ```ts
 * const crypto = pushCrypto({ mode: 'safe', token: 'tok', appId: 'wx1234', encodingAESKey: 'abc…43 chars' });
 * ```
 */
export function pushCrypto(keys: PushKeys): MessageCrypto | undefined {
  if (keys.mode === 'plain') return undefined;
  if (!keys.appId || !keys.encodingAESKey) {
    throw new WeChatError('CONFIG_INVALID', `${keys.mode} mode needs the AppID and the EncodingAESKey`, {
      hint: 'Set WECHAT_APPID and WECHAT_ENCODING_AES_KEY',
    });
  }
  return new MessageCrypto({ appId: keys.appId, encodingAESKey: keys.encodingAESKey });
}

/**
 * Signs (and encrypts) a message as WeChat would push it.
 *
 * @example
 * ```ts
 * import { inbound } from './inbound.js';
 * const push = buildPush(inbound.text({ to: 'gh_1', from: 'oFan' }, 'hi'), { token: 'AAAAA', mode: 'plain' });
 * await fetch(`http://127.0.0.1:3000/wx${push.search}`, { method: 'POST', body: push.body });
 * ```
 */
export function buildPush(
  xml: string,
  keys: PushKeys,
  options: { timestamp?: string; nonce?: string; crypto?: MessageCrypto | undefined } = {},
): PushRequest {
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? newNonce();
  const message = parseXml(xml).value as XmlElement;
  const openid = textOf(message, 'FromUserName') ?? '';
  const query: Record<string, string> = {
    signature: computeSignature(keys.token, timestamp, nonce),
    timestamp,
    nonce,
    openid,
  };
  let body = xml;
  if (keys.mode !== 'plain') {
    const crypto = options.crypto ?? pushCrypto(keys)!;
    const encrypt = crypto.encrypt(xml);
    query['encrypt_type'] = 'aes';
    query['msg_signature'] = computeMsgSignature(keys.token, timestamp, nonce, encrypt);
    const to = `<ToUserName>${cdata(textOf(message, 'ToUserName') ?? '')}</ToUserName>`;
    // Compatible mode keeps the plaintext fields and adds Encrypt; safe mode sends only the recipient and Encrypt.
    body =
      keys.mode === 'safe'
        ? `<xml>${to}<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
        : `${xml.slice(0, xml.lastIndexOf('</xml>'))}<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
  }
  return { search: `?${new URLSearchParams(query).toString()}`, query, body };
}

/** WeChat's verdict on an answer. */
export type ReplyVerdict =
  | { ok: true; reply: Reply; /** The decrypted reply XML, or `success`/empty. */ xml: string }
  | { ok: false; reason: string; xml?: string };

/**
 * Checks a server's answer as WeChat does: HTTP 200; `success` or empty; otherwise well-formed XML (inside a valid,
 * signed envelope when the push was encrypted in safe mode) addressed back to the fan, with a known MsgType.
 *
 * @example
 * ```ts
 * import { inbound } from './inbound.js';
 * const keys = { token: 'AAAAA', mode: 'plain' } as const;
 * const push = buildPush(inbound.text({ to: 'gh_1', from: 'oFan' }, 'hi'), keys);
 * const answer = await fetch(`http://127.0.0.1:3000/wx${push.search}`, { method: 'POST', body: push.body });
 * const context = { keys, fan: 'oFan', account: 'gh_1', answersUserMessage: true };
 * const verdict = checkReply(answer.status, await answer.text(), context);
 * if (!verdict.ok) console.log(verdict.reason);
 * ```
 */
export function checkReply(
  status: number,
  body: string,
  context: {
    keys: PushKeys;
    fan: string;
    account: string;
    crypto?: MessageCrypto | undefined;
    answersUserMessage: boolean;
  },
): ReplyVerdict {
  if (status !== 200) return { ok: false, reason: `HTTP status ${status} (WeChat needs 200)` };
  if (body === '' || body === 'success')
    return { ok: true, reply: { type: body === '' ? 'empty' : 'success' }, xml: body };
  let xml = body;
  try {
    // An element, not the text: a plain reply may well say "<Encrypt>" (escaped, or inside CDATA).
    const isEnvelope = textOf(parseXml(body).value, 'Encrypt') !== undefined;
    if (context.keys.mode === 'safe' && !isEnvelope) {
      return { ok: false, reason: 'safe mode needs an encrypted reply envelope (or success)', xml };
    }
    if (isEnvelope) {
      const crypto = context.crypto ?? pushCrypto(context.keys);
      if (!crypto) return { ok: false, reason: 'an encrypted reply arrived in plain mode', xml };
      xml = openEnvelope(body, { crypto, token: context.keys.token }).message;
    }
    const parsed = parseReply(xml);
    if (parsed.toUserName !== undefined) {
      if (parsed.toUserName !== context.fan) {
        return {
          ok: false,
          reason: `ToUserName is "${parsed.toUserName}", expected the fan's openid "${context.fan}"`,
          xml,
        };
      }
      if (parsed.fromUserName !== context.account) {
        return {
          ok: false,
          reason: `FromUserName is "${parsed.fromUserName}", expected the account "${context.account}"`,
          xml,
        };
      }
    }
    const reply = parsed.reply;
    if (reply.type === 'news' && context.answersUserMessage && reply.articles.length > 1) {
      return {
        ok: false,
        reason: `a news reply to a fan's message may hold 1 article, got ${reply.articles.length}`,
        xml,
      };
    }
    if (reply.type === 'news' && reply.articles.length > 8) {
      return {
        ok: false,
        reason: `a news reply may hold at most 8 articles, got ${reply.articles.length}`,
        xml,
      };
    }
    return { ok: true, reply, xml };
  } catch (err) {
    return { ok: false, reason: errorMessage(err), xml };
  }
}
