/**
 * Reading the fields of a push: text, numbers and ids of child elements, as the message and event builders of
 * `parse.ts` and `event-builders.ts` need them. On the hot path: no copies beyond what each value needs.
 * @module
 */
import type { XmlValue } from '../xml/parse.js';
import { textOf } from '../xml/read.js';

/**
 * A message type's own fields: everything but the envelope the parser fills itself.
 *
 * @example
 * ```ts
 * import type { XmlElement } from '../xml/parse.js';
 * import type { ClickEvent } from './types.js';
 * const build = (x: XmlElement): Fields<ClickEvent> => ({ eventKey: str(x, 'EventKey') });
 * ```
 */
export type Fields<T> = Omit<T, 'type' | 'event' | 'toUserName' | 'fromUserName' | 'createTime' | 'raw'>;

/**
 * Text of a child, `''` when absent (WeChat omits empty fields now and then).
 *
 * @example
 * ```ts
 * import { parseXml } from '../xml/parse.js';
 * str(parseXml('<xml><A>x</A></xml>').value, 'A'); // 'x'
 * ```
 */
export function str(el: XmlValue | undefined, name: string): string {
  return textOf(el, name) ?? '';
}

/**
 * A numeric child; absent or non-numeric reads as 0.
 *
 * @example
 * ```ts
 * import { parseXml } from '../xml/parse.js';
 * num(parseXml('<xml><Scale>20</Scale></xml>').value, 'Scale'); // 20
 * ```
 */
export function num(el: XmlValue | undefined, name: string): number {
  const n = Number(str(el, name).trim());
  return Number.isFinite(n) ? n : 0;
}

/**
 * An id child, trimmed and kept as a string (64-bit ids exceed 2^53); the first of `names` present.
 *
 * @example
 * ```ts
 * import { parseXml } from '../xml/parse.js';
 * id(parseXml('<xml><MsgID>6054768590064713728</MsgID></xml>').value, 'MsgID', 'MsgId'); // '6054768590064713728'
 * ```
 */
export function id(el: XmlValue | undefined, ...names: string[]): string {
  for (const name of names) {
    const value = textOf(el, name);
    if (value !== undefined) return value.trim();
  }
  return '';
}

/**
 * Spreads `{ [key]: value }` only when the child exists (exactOptionalPropertyTypes forbids `key: undefined`).
 *
 * @example
 * ```ts
 * optional('menuId', undefined); // {}
 * ```
 */
export function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/**
 * The first child element of that name.
 *
 * @example
 * ```ts
 * import { parseXml } from '../xml/parse.js';
 * child(parseXml('<xml><ScanCodeInfo><ScanType>qrcode</ScanType></ScanCodeInfo></xml>').value, 'ScanCodeInfo');
 * ```
 */
export function child(el: XmlValue | undefined, name: string): XmlValue | undefined {
  if (el === undefined || typeof el === 'string') return undefined;
  const value = el[name];
  return Array.isArray(value) ? value[0] : value;
}
