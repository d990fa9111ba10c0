/**
 * Signed requests exactly as WeChat sends them, for users' own tests: the URL verification (GET) and any message or
 * event in plain, compatible or safe mode (POST), ready for the webhook core's `handle()`, Hono's `app.request()`
 * or `fetch`.
 * @module
 */
import { randomInt } from 'node:crypto';
import { computeSignature, newNonce } from '../crypto/signature.js';
import { inbound, type Parties } from '../push/inbound.js';
import type { EncryptionMode } from '../crypto/mode.js';
import { buildPush } from '../push/request.js';
import type { XmlInputElement } from '../xml/build.js';

/** The fan's openid the helpers use unless `from` is given. */
export const TEST_FAN_OPENID = 'oTestFan0000000000000000000a';
/** The account's original id the helpers use unless `to` is given. */
export const TEST_ACCOUNT_ID = 'gh_test00000000';

/** The account settings and the mode to sign and encrypt with; share one object with {@link readReply}. */
export interface TestKeys {
  /** The Token of the server configuration. */
  token: string;
  /** Default `plain`. Compatible and safe mode need `appId` and `encodingAESKey`. */
  mode?: EncryptionMode | undefined;
  appId?: string | undefined;
  encodingAESKey?: string | undefined;
  /** The fan's openid (FromUserName); default {@link TEST_FAN_OPENID}. */
  from?: string | undefined;
  /** The account's original id (ToUserName); default {@link TEST_ACCOUNT_ID}. */
  to?: string | undefined;
}

/** Where to send and what to fix for a reproducible request. */
export interface SignedRequestOptions extends TestKeys {
  /** The webhook path or URL; default `/wx`. Use an absolute URL for `fetch`. An existing query is kept. */
  url?: string | undefined;
  /** Unix seconds; default now (the webhook refuses timestamps more than 300 s away from its clock). */
  timestamp?: string | number | undefined;
  nonce?: string | undefined;
  /** CreateTime of the message; default now. */
  createTime?: number | undefined;
  /** MsgId of a message; default random. Reuse one to play a retry. */
  msgId?: string | undefined;
}

/**
 * A request as plain data: pass it to `webhook.handle(req)`, `app.request(req.url, req)` or `fetch(req.url, req)`.
 */
export interface SignedRequest {
  method: 'GET' | 'POST';
  /** Path (or URL) with the signed query. */
  url: string;
  /** The push body (POST only). */
  body?: string;
  headers: Record<string, string>;
}

function withQuery(url: string, search: string): string {
  return url.includes('?') ? `${url}&${search.slice(1)}` : `${url}${search}`;
}

function parties(options: SignedRequestOptions): Parties {
  return {
    from: options.from ?? TEST_FAN_OPENID,
    to: options.to ?? TEST_ACCOUNT_ID,
    ...(options.createTime !== undefined ? { createTime: options.createTime } : {}),
  };
}

function push(xml: string, options: SignedRequestOptions): SignedRequest {
  const request = buildPush(
    xml,
    {
      token: options.token,
      mode: options.mode ?? 'plain',
      appId: options.appId,
      encodingAESKey: options.encodingAESKey,
    },
    {
      ...(options.timestamp !== undefined ? { timestamp: String(options.timestamp) } : {}),
      ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
    },
  );
  return {
    method: 'POST',
    url: withQuery(options.url ?? '/wx', request.search),
    body: request.body,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
  };
}

/**
 * Builders of signed requests. Each takes the message's own fields first and the keys (plus optional url, parties,
 * timestamp, nonce, msgId) last.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { expect } from 'vitest';
 * import { createWebhook } from 'wxmp';
 * import { fetchHandler } from 'wxmp/adapters/fetch';
 * import { readReply, signedRequest } from 'wxmp/testing';
 *
 * const keys = { token: 'AAAAA', appId: 'wxba5fad812f8e6fb9', encodingAESKey: 'A'.repeat(43), mode: 'safe' } as const;
 * const webhook = createWebhook(bot, keys);
 *
 * // the core
 * const res = await webhook.handle(signedRequest.text('你好', keys));
 * expect(await readReply(res, keys)).toEqual({ type: 'text', content: '你好' });
 *
 * // Hono, or any fetch-style app
 * const app = new Hono().all('/wx', (c) => fetchHandler(webhook)(c.req.raw));
 * const click = signedRequest.event('CLICK', { EventKey: 'V1001' }, keys);
 * await readReply(await app.request(click.url, click), keys);
 *
 * // a server on a port
 * const req = signedRequest.text('hi', { ...keys, url: 'http://127.0.0.1:3000/wx' });
 * await readReply(await fetch(req.url, req), keys);
 * ```
 */
export const signedRequest = {
  /**
   * The URL verification WeChat sends when the server URL is saved (GET; the answer must be `echostr`).
   *
   * @example
   * ```ts
   * import { expect } from 'vitest';
   * const res = await webhook.handle(signedRequest.verify({ token: 'AAAAA', echostr: 'hello' }));
   * expect(res.body).toBe('hello');
   * ```
   */
  verify(options: Omit<SignedRequestOptions, 'mode'> & { echostr?: string }): SignedRequest {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = options.nonce ?? newNonce();
    const query = new URLSearchParams({
      signature: computeSignature(options.token, timestamp, nonce),
      timestamp,
      nonce,
      echostr: options.echostr ?? String(randomInt(1_000_000_000, 2_000_000_000)),
    });
    return { method: 'GET', url: withQuery(options.url ?? '/wx', `?${query.toString()}`), headers: {} };
  },

  /**
   * Any inbound XML (build it with `inbound.*`, or paste one), signed and encrypted as `options.mode` says.
   *
   * @example
   * ```ts
   * import { inbound } from 'wxmp/push';
   * const xml = inbound.event({ to: 'gh_1', from: 'oFan' }, 'scancode_push', { EventKey: 'S' });
   * signedRequest.push(xml, { token: 'AAAAA', mode: 'plain' });
   * ```
   */
  push,

  /**
   * @example
   * ```ts
   * signedRequest.text('你好', { token: 'AAAAA' });
   * ```
   */
  text: (content: string, options: SignedRequestOptions) =>
    push(inbound.text(parties(options), content, options.msgId), options),
  /**
   * @example
   * ```ts
   * signedRequest.image({ mediaId: 'MEDIA', picUrl: 'https://example.com/a.jpg' }, { token: 'AAAAA' });
   * ```
   */
  image: (fields: { mediaId: string; picUrl?: string }, options: SignedRequestOptions) =>
    push(
      inbound.image(parties(options), { picUrl: 'http://mmbiz.qpic.cn/test', ...fields }, options.msgId),
      options,
    ),
  /**
   * @example
   * ```ts
   * signedRequest.voice({ mediaId: 'MEDIA' }, { token: 'AAAAA' });
   * ```
   */
  voice: (fields: { mediaId: string; format?: string }, options: SignedRequestOptions) =>
    push(inbound.voice(parties(options), fields, options.msgId), options),
  /**
   * @example
   * ```ts
   * signedRequest.video({ mediaId: 'MEDIA', thumbMediaId: 'THUMB' }, { token: 'AAAAA' });
   * ```
   */
  video: (fields: { mediaId: string; thumbMediaId: string }, options: SignedRequestOptions) =>
    push(inbound.video(parties(options), fields, options.msgId), options),
  /**
   * @example
   * ```ts
   * signedRequest.shortvideo({ mediaId: 'MEDIA', thumbMediaId: 'THUMB' }, { token: 'AAAAA' });
   * ```
   */
  shortvideo: (fields: { mediaId: string; thumbMediaId: string }, options: SignedRequestOptions) =>
    push(inbound.shortvideo(parties(options), fields, options.msgId), options),
  /**
   * @example
   * ```ts
   * signedRequest.location({ latitude: 23.13, longitude: 113.35, label: '广州塔' }, { token: 'AAAAA' });
   * ```
   */
  location: (
    fields: { latitude: number; longitude: number; scale?: number; label?: string },
    options: SignedRequestOptions,
  ) => push(inbound.location(parties(options), fields, options.msgId), options),
  /**
   * @example
   * ```ts
   * signedRequest.link({ title: 'An article', url: 'https://example.com/a' }, { token: 'AAAAA' });
   * ```
   */
  link: (fields: { title: string; description?: string; url: string }, options: SignedRequestOptions) =>
    push(inbound.link(parties(options), fields, options.msgId), options),
  /**
   * Any event; `fields` follow `Event` verbatim (nested objects become nested elements).
   *
   * @example
   * ```ts
   * const keys = { token: 'AAAAA' };
   * signedRequest.event('subscribe', {}, keys);
   * signedRequest.event('CLICK', { EventKey: 'V1001_GOOD' }, keys);
   * ```
   */
  event: (name: string, fields: XmlInputElement, options: SignedRequestOptions) =>
    push(inbound.event(parties(options), name, fields), options),
};
