import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { WeChatError } from '../../../src/errors.js';
import { cdata, buildXml } from '../../../src/xml/build.js';
import { parseXml } from '../../../src/xml/parse.js';
import { asArray, textOf } from '../../../src/xml/read.js';
import { vectors } from '../../support/vectors.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof WeChatError ? err.code : String(err);
  }
  return undefined;
}

// The reference parser, configured as the design notes say: entities off, values as strings.
const reference = new XMLParser({
  processEntities: false,
  parseTagValue: false,
  ignoreAttributes: true,
  trimValues: false,
  cdataPropName: false,
});

const SAMPLES = [
  vectors.inbound_xml[0]!.xml,
  '<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[fromUser]]></FromUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[location]]></MsgType><Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[位置信息]]></Label><MsgId>1234567890123456</MsgId></xml>',
  '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Event><![CDATA[pic_sysphoto]]></Event><SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum><![CDATA[a]]></PicMd5Sum></item><item><PicMd5Sum><![CDATA[b]]></PicMd5Sum></item></PicList></SendPicsInfo></xml>',
];

describe('parseXml', () => {
  it('agrees with fast-xml-parser on WeChat samples', () => {
    for (const xml of SAMPLES) {
      const ours = parseXml(xml);
      const theirs = reference.parse(xml) as Record<string, unknown>;
      expect(JSON.parse(JSON.stringify({ [ours.name]: ours.value }))).toEqual(theirs);
    }
  });

  it('reads the compatible-mode vector field by field, 64-bit MsgId as a string', () => {
    const v = vectors.inbound_xml[0]!;
    const root = parseXml(v.xml).value;
    for (const [name, value] of Object.entries(v.expected_fields)) expect(textOf(root, name)).toBe(value);
  });

  it('keeps CDATA text verbatim: leading spaces, newlines, empty CDATA', () => {
    const root = parseXml(
      '<xml><Label><![CDATA[ 广州市 106号 ]]></Label><A><![CDATA[x\ny]]></A><Poiname><![CDATA[]]></Poiname></xml>',
    ).value;
    expect(textOf(root, 'Label')).toBe(' 广州市 106号 ');
    expect(textOf(root, 'A')).toBe('x\ny');
    expect(textOf(root, 'Poiname')).toBe('');
  });

  it('turns repeated elements into arrays and asArray makes a single one an array', () => {
    const root = parseXml(SAMPLES[2]!).value;
    const list = textOf(root, 'SendPicsInfo');
    expect(list).toBeUndefined();
    const info = (root as Record<string, unknown>)['SendPicsInfo'];
    expect(asArray(info as never, 'PicList')).toHaveLength(1);
    expect(asArray(asArray(info as never, 'PicList')[0], 'item')).toHaveLength(2);
    expect(asArray(parseXml('<xml><List><a>1</a></List></xml>').value, 'List')).toHaveLength(1);
  });

  it('decodes the predefined entities and character references in plain text', () => {
    expect(
      textOf(parseXml('<xml><A>a &lt;b&gt; &amp; &quot;&apos; &#20320;&#x597D;</A></xml>').value, 'A'),
    ).toBe('a <b> & "\' 你好');
  });

  it('accepts a declaration, a BOM, comments, attributes and self-closing elements', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<!-- hi --><xml a="x>y"><B/><C k=\'1\'>t</C></xml>\n',
    ).value;
    expect(root).toEqual({ B: '', C: 't' });
  });

  it('refuses DOCTYPE and ENTITY declarations (XML_FORBIDDEN)', () => {
    const billionLaughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><xml><A>&lol2;</A></xml>';
    expect(codeOf(() => parseXml(billionLaughs))).toBe('XML_FORBIDDEN');
    expect(codeOf(() => parseXml('<xml><!ENTITY x "y"></xml>'))).toBe('XML_FORBIDDEN');
    expect(codeOf(() => parseXml('<!doctype xml><xml/>'))).toBe('XML_FORBIDDEN');
  });

  it('refuses undefined entities instead of leaving or expanding them', () => {
    expect(codeOf(() => parseXml('<xml><A>&xxe;</A></xml>'))).toBe('XML_MALFORMED');
    expect(codeOf(() => parseXml('<xml><A>a & b</A></xml>'))).toBe('XML_MALFORMED');
    expect(codeOf(() => parseXml('<xml><A>&#0;</A></xml>'))).toBe('XML_MALFORMED');
  });

  it('refuses truncated, mismatched, empty and non-XML input', () => {
    const bad = [
      '',
      '   ',
      'hello',
      '{"MsgType":"text"}',
      '<xml><A>1</A>',
      '<xml><A>1</B></xml>',
      '<xml><A><![CDATA[x</A></xml>',
      '<xml><A',
      '<xml></xml><xml></xml>',
      '<xml>text<A>1</A></xml>',
      '<1x></1x>',
      '<xml><?pi x?></xml>',
    ];
    for (const xml of bad)
      expect(
        codeOf(() => parseXml(xml)),
        xml,
      ).toBe('XML_MALFORMED');
  });

  it('reads split text, spaced closing tags and every name character as fast-xml-parser does', () => {
    const variants = [
      '<xml><A>a<![CDATA[b]]>c</A><B>  </B><C><![CDATA[x]]><![CDATA[y]]></C></xml>',
      '<xml ><A >1</A ><B\t>2</B\n></xml\r\n>',
      '<xml><A.b-c_1>1</A.b-c_1><_x>2</_x></xml>',
    ];
    for (const xml of variants) {
      const ours = parseXml(xml);
      expect(JSON.parse(JSON.stringify({ [ours.name]: ours.value })), xml).toEqual(reference.parse(xml));
    }
    expect(parseXml('<xml><A>a<!-- c -->b &amp; c</A></xml>').value).toEqual({ A: 'ab & c' });
  });

  it('drops the indentation between elements (where fast-xml-parser keeps a #text)', () => {
    const indented =
      '<xml>\n  <ToUserName><![CDATA[gh_1]]></ToUserName>\n  <L>\n    <item><T>1</T></item>\n    <item><T>2</T></item>\n  </L>\n</xml>\n';
    expect(parseXml(indented).value).toEqual({ ToUserName: 'gh_1', L: { item: [{ T: '1' }, { T: '2' }] } });
  });

  it('refuses bad names, wrong closing tags and text beside elements wherever they appear', () => {
    const bad = [
      '<xml><a$b>1</a$b></xml>',
      '<xml><é>1</é></xml>',
      '<xml><>1</></xml>',
      '<xml><A>1</Ab></xml>',
      '<xml><Ab>1</A></xml>',
      '<xml><A>1</A',
      '<xml><A>1</A>text</xml>',
      '<xml><A>1</A>&amp;</xml>',
      '<xml><A>1</A><B>2</B>x</xml>',
    ];
    for (const xml of bad)
      expect(
        codeOf(() => parseXml(xml)),
        xml,
      ).toBe('XML_MALFORMED');
    // Whitespace, however it is written, may sit between elements.
    expect(parseXml('<xml><A>1</A>\u00a0&#32;<B>2</B></xml>').value).toEqual({ A: '1', B: '2' });
  });

  it('refuses nesting deeper than 32 without exhausting the stack', () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    expect(codeOf(() => parseXml(deep))).toBe('XML_MALFORMED');
  });

  it('cannot be made to pollute prototypes', () => {
    const root = parseXml(
      '<xml><__proto__><polluted>yes</polluted></__proto__><constructor>c</constructor></xml>',
    ).value;
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(textOf(root, 'constructor')).toBe('c');
  });
});

describe('cdata and buildXml', () => {
  it('splits ]]> so that any text round-trips', () => {
    const nasty = 'a]]>b]]]]>c<![CDATA[d';
    expect(textOf(parseXml(`<xml><A>${cdata(nasty)}</A></xml>`).value, 'A')).toBe(nasty);
  });
  it('removes characters XML 1.0 forbids and keeps emoji, links and newlines', () => {
    const text = 'hi\u0000\u0008\uFFFE\uD800 😀 <a href="https://x.cn/?a=1&b=2">x</a>\r\n\tend';
    expect(textOf(parseXml(`<xml><A>${cdata(text)}</A></xml>`).value, 'A')).toBe(
      'hi 😀 <a href="https://x.cn/?a=1&b=2">x</a>\r\n\tend',
    );
  });
  it('renders strings as CDATA, numbers bare, arrays as repeated elements, skipping undefined', () => {
    expect(buildXml({ A: 'x', N: 1, L: { item: [{ T: 'a' }, { T: 'b' }] }, U: undefined })).toBe(
      '<xml><A><![CDATA[x]]></A><N>1</N><L><item><T><![CDATA[a]]></T></item><item><T><![CDATA[b]]></T></item></L></xml>',
    );
  });
});
