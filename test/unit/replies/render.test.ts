import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { WeChatError } from '../../../src/errors.js';
import { parseReply } from '../../../src/replies/parse.js';
import { renderReply, toReply, type ReplyAddress } from '../../../src/replies/render.js';
import { reply } from '../../../src/replies/reply.js';
import type { Reply } from '../../../src/replies/types.js';

const TO_MESSAGE: ReplyAddress = {
  toUserName: 'toUser',
  fromUserName: 'fromUser',
  createTime: 12345678,
  answersUserMessage: true,
};
const TO_EVENT: ReplyAddress = { ...TO_MESSAGE, answersUserMessage: false };
const oracle = new XMLParser({
  processEntities: false,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === 'item',
});

describe('renderReply: the formats of reference §7', () => {
  it('text, exactly as the reference sample', () => {
    expect(renderReply(reply.text('你好'), TO_MESSAGE)).toBe(
      '<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[fromUser]]></FromUserName><CreateTime>12345678</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>',
    );
  });
  it('image and voice wrap MediaId', () => {
    expect(renderReply(reply.image('media_id'), TO_MESSAGE)).toContain(
      '<MsgType><![CDATA[image]]></MsgType><Image><MediaId><![CDATA[media_id]]></MediaId></Image>',
    );
    expect(renderReply(reply.voice('media_id'), TO_MESSAGE)).toContain(
      '<MsgType><![CDATA[voice]]></MsgType><Voice><MediaId><![CDATA[media_id]]></MediaId></Voice>',
    );
  });
  it('video with optional Title and Description', () => {
    expect(
      renderReply(reply.video({ mediaId: 'm', title: 'title', description: 'description' }), TO_MESSAGE),
    ).toContain(
      '<Video><MediaId><![CDATA[m]]></MediaId><Title><![CDATA[title]]></Title><Description><![CDATA[description]]></Description></Video>',
    );
    expect(renderReply(reply.video({ mediaId: 'm' }), TO_MESSAGE)).toContain(
      '<Video><MediaId><![CDATA[m]]></MediaId></Video>',
    );
  });
  it('music spells HQMusicUrl and requires ThumbMediaId', () => {
    const xml = renderReply(
      reply.music({
        title: 'TITLE',
        description: 'DESCRIPTION',
        musicUrl: 'MUSIC_Url',
        hqMusicUrl: 'HQ_MUSIC_Url',
        thumbMediaId: 'media_id',
      }),
      TO_MESSAGE,
    );
    expect(xml).toContain(
      '<Music><Title><![CDATA[TITLE]]></Title><Description><![CDATA[DESCRIPTION]]></Description><MusicUrl><![CDATA[MUSIC_Url]]></MusicUrl><HQMusicUrl><![CDATA[HQ_MUSIC_Url]]></HQMusicUrl><ThumbMediaId><![CDATA[media_id]]></ThumbMediaId></Music>',
    );
    expect(() => reply.music({ thumbMediaId: '' })).toThrow(WeChatError);
  });
  it('news: ArticleCount and items', () => {
    const xml = renderReply(
      reply.news({ title: 'title1', description: 'description1', picUrl: 'picurl', url: 'url' }),
      TO_MESSAGE,
    );
    expect(xml).toContain(
      '<ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[title1]]></Title><Description><![CDATA[description1]]></Description><PicUrl><![CDATA[picurl]]></PicUrl><Url><![CDATA[url]]></Url></item></Articles>',
    );
  });
  it('news: 1 article when answering a fan, up to 8 for an event, clear errors beyond', () => {
    const three = reply.news([{ title: 'a' }, { title: 'b' }, { title: 'c' }]);
    expect(() => renderReply(three, TO_MESSAGE)).toThrow(/may hold 1 article\(s\), got 3/);
    const parsed = oracle.parse(renderReply(three, TO_EVENT)) as { xml: { Articles: { item: unknown[] } } };
    expect(parsed.xml.Articles.item).toHaveLength(3);
    const eight = reply.news(Array.from({ length: 8 }, (_, i) => ({ title: `t${i}` })));
    expect(renderReply(eight, TO_EVENT)).toContain('<ArticleCount>8</ArticleCount>');
    expect(() => reply.news(Array.from({ length: 9 }, (_, i) => ({ title: `t${i}` })))).toThrow(/at most 8/);
    expect(() => reply.news([])).toThrow(WeChatError);
    // A reply value built by hand (e.g. `found.slice(0, 8)` of nothing) is refused too, not sent empty.
    expect(() => renderReply({ type: 'news', articles: [] }, TO_EVENT)).toThrow(/at least one article/);
  });
  it('text: refuses a reply with nothing to show, once forbidden characters are removed', () => {
    for (const content of ['', '\u0000\u0001', '\uFFFE'])
      expect(() => renderReply(reply.text(content), TO_MESSAGE), JSON.stringify(content)).toThrow(
        /needs some text/,
      );
    expect(renderReply(reply.text(' '), TO_MESSAGE)).toContain('<Content><![CDATA[ ]]></Content>');
  });
  it('transfer_customer_service with and without KfAccount', () => {
    expect(renderReply(reply.transferCustomerService('test1@test'), TO_MESSAGE)).toContain(
      '<MsgType><![CDATA[transfer_customer_service]]></MsgType><TransInfo><KfAccount><![CDATA[test1@test]]></KfAccount></TransInfo></xml>',
    );
    expect(renderReply(reply.transferCustomerService(), TO_MESSAGE)).toMatch(
      /<MsgType><!\[CDATA\[transfer_customer_service\]\]><\/MsgType><\/xml>$/,
    );
  });
  it('success and empty are the bare acknowledgements', () => {
    expect(renderReply(reply.success(), TO_MESSAGE)).toBe('success');
    expect(renderReply(reply.empty(), TO_MESSAGE)).toBe('');
  });
  it('CreateTime is whole seconds', () => {
    expect(renderReply(reply.text('x'), { ...TO_MESSAGE, createTime: 1714112445.9 })).toContain(
      '<CreateTime>1714112445</CreateTime>',
    );
  });
  it('any content is safe: ]]>, forbidden characters, emoji, links and newlines', () => {
    const content = 'a]]>b\u0001 😀\n<a href="https://mp.weixin.qq.com/?a=1&b=2">链接</a>';
    const parsed = parseReply(renderReply(reply.text(content), TO_MESSAGE));
    expect(parsed.reply).toEqual({
      type: 'text',
      content: 'a]]>b 😀\n<a href="https://mp.weixin.qq.com/?a=1&b=2">链接</a>',
    });
  });
  it('toReply: a string is text; nothing, or an empty string, is success', () => {
    expect(toReply('hi')).toEqual({ type: 'text', content: 'hi' });
    expect(toReply(undefined)).toEqual({ type: 'success' });
    expect(toReply('')).toEqual({ type: 'success' });
  });
});

describe('parseReply reads back every rendered reply', () => {
  const replies: Reply[] = [
    reply.text('hello\nworld'),
    reply.image('IMG'),
    reply.voice('VOICE'),
    reply.video({ mediaId: 'V', title: 'T', description: 'D' }),
    reply.music({ thumbMediaId: 'TH', title: 'T', musicUrl: 'http://m', hqMusicUrl: 'http://hq' }),
    reply.news([
      { title: 'A', url: 'http://a' },
      { title: 'B', picUrl: 'http://b.png', description: 'd' },
    ]),
    reply.transferCustomerService('kf@test'),
    reply.transferCustomerService(),
  ];
  for (const r of replies) {
    it(r.type, () => {
      const parsed = parseReply(renderReply(r, TO_EVENT));
      expect(parsed).toMatchObject({
        toUserName: 'toUser',
        fromUserName: 'fromUser',
        createTime: 12345678,
        reply: r,
      });
    });
  }
  it('rejects an unknown MsgType and a mismatched ArticleCount', () => {
    expect(() => parseReply(renderReply(reply.text('x'), TO_MESSAGE).replace('[text]', '[json]'))).toThrow(
      /unknown reply MsgType/,
    );
    expect(() =>
      parseReply(
        renderReply(reply.news({ title: 'a' }), TO_MESSAGE).replace('<ArticleCount>1', '<ArticleCount>2'),
      ),
    ).toThrow(/ArticleCount/);
  });
  it('rejects what WeChat counts as a failed answer: an empty Content, an empty Articles', () => {
    const text = renderReply(reply.text('x'), TO_MESSAGE).replace('<![CDATA[x]]>', '');
    expect(() => parseReply(text)).toThrow(/Content of a text reply is empty/);
    const news = renderReply(reply.news({ title: 'a' }), TO_MESSAGE)
      .replace(/<Articles>.*<\/Articles>/, '<Articles></Articles>')
      .replace('<ArticleCount>1', '<ArticleCount>0');
    expect(() => parseReply(news)).toThrow(/<Articles> is empty/);
  });
});
