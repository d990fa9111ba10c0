/**
 * Reading a parsed XML value (see `parse.ts`): a child as text, or a repeating child as an array.
 * @module
 */
import type { XmlValue } from './parse.js';

/**
 * Reads a child as text: a string as is, `undefined` when absent; nested elements or repeats are not text.
 *
 * @example
 * ```ts
 * import { parseXml } from './parse.js';
 * const doc = parseXml('<xml><Content><![CDATA[ hi]]></Content></xml>');
 * textOf(doc.value, 'Content'); // ' hi'
 * ```
 */
export function textOf(element: XmlValue | undefined, name: string): string | undefined {
  if (element === undefined || typeof element === 'string') return undefined;
  const value = element[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Reads a child that may repeat as an array (one occurrence still gives an array; absent gives `[]`).
 *
 * @example
 * ```ts
 * import { parseXml } from './parse.js';
 * const { value } = parseXml('<xml><item>A</item><item>B</item></xml>');
 * asArray(value, 'item'); // ['A', 'B']
 * asArray(value, 'other'); // []
 * ```
 */
export function asArray(element: XmlValue | undefined, name: string): XmlValue[] {
  if (element === undefined || typeof element === 'string') return [];
  const value = element[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
