import { describe, expect, it } from 'vitest';
import { buildPush } from '../../../src/push/index.js';
import { DEFAULT_MAX_BODY_BYTES } from '../../../src/webhook/settings.js';
import { keysFor } from './support.js';

/** A MASSSENDJOBFINISH with the copyright-check results and URLs of `articles` articles, each URL `urlBytes` long. */
function massSendJobFinish(articles: number, urlBytes: number): string {
  const url = (i: number) => `https://mp.weixin.qq.com/s/${String(i).padEnd(urlBytes - 26, 'x')}`;
  const check = Array.from(
    { length: articles },
    (_, i) =>
      `<item><ArticleIdx>${i + 1}</ArticleIdx><UserDeclareState>0</UserDeclareState><AuditState>2</AuditState>` +
      `<OriginalArticleUrl><![CDATA[${url(i)}]]></OriginalArticleUrl><OriginalArticleType>1</OriginalArticleType>` +
      `<CanReprint>1</CanReprint><NeedReplaceContent>1</NeedReplaceContent><NeedShowReprintSource>1</NeedShowReprintSource></item>`,
  ).join('');
  const urls = Array.from(
    { length: articles },
    (_, i) => `<item><ArticleIdx>${i + 1}</ArticleIdx><ArticleUrl><![CDATA[${url(i)}]]></ArticleUrl></item>`,
  ).join('');
  return (
    `<xml><ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName><FromUserName><![CDATA[mphelper]]></FromUserName>` +
    `<CreateTime>1481013459</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[MASSSENDJOBFINISH]]></Event>` +
    `<MsgID>1000001625</MsgID><Status><![CDATA[send success]]></Status><TotalCount>100000</TotalCount>` +
    `<FilterCount>100000</FilterCount><SentCount>99999</SentCount><ErrorCount>1</ErrorCount>` +
    `<CopyrightCheckResult><Count>${articles}</Count><ResultList>${check}</ResultList><CheckState>2</CheckState>` +
    `</CopyrightCheckResult><ArticleUrlResult><Count>${articles}</Count><ResultList>${urls}</ResultList>` +
    `</ArticleUrlResult></xml>`
  );
}

function longText(characters: number): string {
  return (
    `<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[oFanOpenid00000000000000000]]></FromUserName>` +
    `<CreateTime>1714112445</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[${'消'.repeat(characters)}]]></Content><MsgId>24602411542839198</MsgId></xml>`
  );
}

describe('the default body limit (128 KiB)', () => {
  it('holds the largest documented pushes in compatible mode (the largest form) with a margin of 2×', () => {
    const largest = [massSendJobFinish(8, 1024), longText(8000)];
    for (const xml of largest) {
      const body = buildPush(xml, keysFor('compatible')).body;
      expect(Buffer.byteLength(body) * 2).toBeLessThanOrEqual(DEFAULT_MAX_BODY_BYTES);
    }
  });
});
