import { describe, expect, it } from 'vitest';
import { openEnvelope } from '../../../src/crypto/envelope.js';
import { MessageCrypto } from '../../../src/crypto/message-crypto.js';
import { checkReply, inbound } from '../../../src/push/index.js';
import { reply } from '../../../src/replies/reply.js';
import type { Reply } from '../../../src/replies/types.js';
import { queryOf } from '../../../src/webhook/http.js';
import type { Inbound } from '../../../src/webhook/receive.js';
import { renderAnswer, respondWith } from '../../../src/webhook/respond.js';
import { Router } from '../../../src/webhook/router.js';
import { resolveSettings } from '../../../src/webhook/settings.js';
import {
  APPID,
  FAN,
  KEY,
  NONCE,
  NOW,
  OLD_KEY,
  TOKEN,
  keysFor,
  post,
  received,
  recordingLogger,
  setup,
} from './support.js';

const logger = recordingLogger();
const settings = resolveSettings(new Router(), {
  token: TOKEN,
  appId: APPID,
  encodingAESKey: KEY,
  previousEncodingAESKey: OLD_KEY,
  now: () => NOW,
  logger,
});
const query = queryOf(`/wx?nonce=${NONCE}`);
const encrypted = (keyIndex: number, mode: 'compatible' | 'safe' = 'safe'): Inbound => ({
  ...received(),
  mode,
  keyIndex,
});
const answer = (value: Reply, push: Inbound = received()) =>
  respondWith(settings, renderAnswer(settings, value, push.message), push, query);

describe('renderAnswer and respondWith', () => {
  it('renders a reply addressed back to the fan, CreateTime from the clock, as XML', () => {
    const res = answer(reply.text('hi'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.body).toBe(
      `<xml><ToUserName><![CDATA[${FAN.from}]]></ToUserName><FromUserName><![CDATA[${FAN.to}]]></FromUserName>` +
        `<CreateTime>${NOW / 1000}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content></xml>`,
    );
  });
  it('seals the reply to an encrypted push with the key that decrypted it, signed over the nonce', () => {
    for (const keyIndex of [0, 1]) {
      const res = answer(reply.text('secret'), encrypted(keyIndex));
      expect(res.body).toMatch(/^<xml><Encrypt>/);
      expect(res.body).toContain(`<Nonce><![CDATA[${NONCE}]]></Nonce>`);
      const only = new MessageCrypto({ appId: APPID, encodingAESKey: keyIndex === 0 ? KEY : OLD_KEY });
      expect(openEnvelope(res.body, { crypto: only, token: TOKEN }).message).toContain('<![CDATA[secret]]>');
    }
  });
  it('sends success and the empty body as plain text, never sealed', () => {
    expect(answer(reply.success(), encrypted(0))).toMatchObject({ status: 200, body: 'success' });
    const empty = answer(reply.empty(), encrypted(0));
    expect(empty).toMatchObject({ status: 200, body: '' });
    expect(empty.headers['content-type']).toBe('text/plain; charset=utf-8');
  });
  it('answers a reply that breaks a rule with success, and logs why', () => {
    const news = reply.news([{ title: 'a' }, { title: 'b' }]);
    expect(answer(news)).toMatchObject({ status: 200, body: 'success' });
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'reply could not be rendered; answered success' }),
    );
    // An event may be answered with several articles.
    expect(answer(news, received(inbound.event(FAN, 'subscribe'))).body).toMatch(/<ArticleCount>2</);
  });
});

describe('replies through the webhook', () => {
  it('success and the empty body are never encrypted', async () => {
    const { webhook } = setup({}, () => undefined);
    expect((await post(webhook, 'safe')).body).toBe('success');
    const empty = setup({}, () => reply.empty());
    expect((await post(empty.webhook, 'safe')).body).toBe('');
  });
  it('key rotation: decrypts with the previous key and replies with the key that worked', async () => {
    const { webhook, seen } = setup({ previousEncodingAESKey: OLD_KEY });
    const res = await post(webhook, 'safe', inbound.text(FAN, 'old key'), OLD_KEY);
    expect(seen).toHaveLength(1);
    expect(
      checkReply(res.status, res.body, {
        keys: keysFor('safe', OLD_KEY),
        fan: FAN.from,
        account: FAN.to,
        answersUserMessage: true,
      }),
    ).toMatchObject({
      ok: true,
      reply: { content: 'old key' },
    });
    expect(
      checkReply(res.status, res.body, {
        keys: keysFor('safe', KEY),
        fan: FAN.from,
        account: FAN.to,
        answersUserMessage: true,
      }).ok,
    ).toBe(false);
  });
  it('a reply that breaks a rule (3 news articles to a message) is answered with success and logged', async () => {
    const { webhook, logger } = setup({}, () => reply.news([{ title: 'a' }, { title: 'b' }, { title: 'c' }]));
    expect((await post(webhook, 'plain')).body).toBe('success');
    expect(logger.lines.some((l) => l.level === 'error' && /rendered/.test(l.msg ?? ''))).toBe(true);
  });
});
