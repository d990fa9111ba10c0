/**
 * Building the XML WeChat reads: text in CDATA sections that survive any content.
 * @module
 */

/**
 * Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, lone surrogates). With the `u` flag a
 * lone surrogate is its own code point, so it matches too.
 */
const FORBIDDEN_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const NEEDS_WORK = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|\]\]>/u;

/**
 * Removes the characters XML 1.0 forbids; everything else (emoji, newlines, `<a href>`) is kept.
 *
 * @example
 * ```ts
 * xmlSafeText('a\u0000b'); // 'ab'
 * ```
 */
export function xmlSafeText(text: string): string {
  return text.replace(FORBIDDEN_CHARS, '');
}

/**
 * Wraps text in CDATA; `]]>` inside is split across two sections so any content round-trips.
 *
 * @example
 * ```ts
 * cdata('a]]>b'); // '<![CDATA[a]]]]><![CDATA[>b]]>'
 * ```
 */
export function cdata(text: string): string {
  // Fast path: most texts need neither cleaning nor splitting.
  if (!NEEDS_WORK.test(text)) return `<![CDATA[${text}]]>`;
  return `<![CDATA[${xmlSafeText(text).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** A value the generic builder renders: text (CDATA), a number (bare), nested elements, or repeats. */
export type XmlInput = string | number | bigint | XmlInputElement | XmlInput[];

/** Nested elements for {@link buildXml}; `undefined` children are omitted. */
export interface XmlInputElement {
  [name: string]: XmlInput | undefined;
}

function render(name: string, value: XmlInput): string {
  if (Array.isArray(value)) return value.map((item) => render(name, item)).join('');
  if (typeof value === 'string') return `<${name}>${cdata(value)}</${name}>`;
  if (typeof value === 'number' || typeof value === 'bigint') return `<${name}>${value}</${name}>`;
  return `<${name}>${renderChildren(value)}</${name}>`;
}

function renderChildren(element: XmlInputElement): string {
  let out = '';
  for (const [name, child] of Object.entries(element)) if (child !== undefined) out += render(name, child);
  return out;
}

/**
 * Renders an object as `<xml>…</xml>`: strings as CDATA, numbers bare, arrays as repeated elements.
 *
 * @example
 * ```ts
 * buildXml({ ToUserName: 'gh_1', CreateTime: 1, Articles: { item: [{ Title: 'a' }] } });
 * ```
 */
export function buildXml(element: XmlInputElement, rootName = 'xml'): string {
  return `<${rootName}>${renderChildren(element)}</${rootName}>`;
}
