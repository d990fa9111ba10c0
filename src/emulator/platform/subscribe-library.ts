/**
 * Subscription-notification templates (订阅通知): the emulated account's categories, the public templates of
 * those categories with their keywords, and the account's own templates (slot `subscribeTemplates`). A fresh
 * account has two: a one-time one and a long-term one, so the consent sheet of the phone page has something to
 * offer.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorState } from '../state.js';
import { fail } from './core/respond.js';

/** A public template: `type` 2 one-time, 3 long-term subscription. */
export interface PublicTemplate {
  tid: number;
  title: string;
  type: 2 | 3;
  categoryId: number;
  keywords: { kid: number; name: string; example: string; rule: string }[];
}

/** A template of the account, as gettemplate lists it. */
export interface AccountTemplate {
  priTmplId: string;
  title: string;
  content: string;
  example: string;
  type: 2 | 3;
}

/**
 * The account's categories (getcategory).
 *
 * @example
 * ```ts
 * SUBSCRIBE_CATEGORIES.map((c) => c.id); // [616, 2]
 * ```
 */
export const SUBSCRIBE_CATEGORIES: readonly { id: number; name: string }[] = Object.freeze([
  { id: 616, name: '公交' },
  { id: 2, name: '快递业与邮政' },
]);

/**
 * The public templates of those categories.
 *
 * @example
 * ```ts
 * PUBLIC_TEMPLATES.find((t) => t.tid === 99)?.title; // '付款成功通知'
 * ```
 */
// Table rows (one per template, WeChat's fields), alike in shape by nature.
export const PUBLIC_TEMPLATES: readonly PublicTemplate[] = Object.freeze([
  {
    tid: 99,
    title: '付款成功通知',
    type: 2,
    categoryId: 616,
    keywords: [
      { kid: 1, name: '金额', example: '2.00元', rule: 'amount' },
      { kid: 2, name: '时间', example: '2024-06-01 08:00', rule: 'time' },
      { kid: 3, name: '线路', example: '1路', rule: 'thing' },
      { kid: 4, name: '订单编号', example: 'B20240601001', rule: 'character_string' },
    ],
  },
  {
    tid: 100,
    title: '到站提醒',
    type: 3,
    categoryId: 616,
    keywords: [
      { kid: 1, name: '线路', example: '1路', rule: 'thing' },
      { kid: 2, name: '站点', example: '体育中心', rule: 'thing' },
      { kid: 3, name: '到站时间', example: '08:05', rule: 'time' },
    ],
  },
  {
    tid: 210,
    title: '物流状态通知',
    type: 2,
    categoryId: 2,
    keywords: [
      { kid: 1, name: '快递单号', example: 'SF1234567890', rule: 'character_string' },
      { kid: 2, name: '物流状态', example: '已签收', rule: 'phrase' },
      { kid: 3, name: '更新时间', example: '2024-06-01 18:00', rule: 'time' },
    ],
  },
]);

/** The account may keep this many templates (200012 beyond). */
export const MAX_ACCOUNT_TEMPLATES = 50;

/**
 * The account's template made of a public template and some of its keywords, in order; 200014 for an unknown
 * template, 200020 for 2–5 keywords it does not have.
 *
 * @example
 * ```ts
 * makeTemplate('wxmp_sub_order_paid', 99, [1, 2]).content; // '金额:{{amount1.DATA}}\n时间:{{time2.DATA}}'
 * ```
 */
export function makeTemplate(priTmplId: string, tid: number, kids: readonly number[]): AccountTemplate {
  const source = PUBLIC_TEMPLATES.find((t) => t.tid === tid) ?? fail(200014);
  if (kids.length < 2 || kids.length > 5 || new Set(kids).size !== kids.length) fail(200020);
  const keywords = kids.map((kid) => source.keywords.find((k) => k.kid === kid) ?? fail(200020));
  return {
    priTmplId,
    title: source.title,
    content: keywords.map((k) => `${k.name}:{{${k.rule}${k.kid}.DATA}}`).join('\n'),
    example: keywords.map((k) => `${k.name}:${k.example}`).join('\n'),
    type: source.type,
  };
}

/**
 * A new template id, 43 characters like WeChat's.
 *
 * @example
 * ```ts
 * newTemplateId().length; // 43
 * ```
 */
export function newTemplateId(): string {
  return randomBytes(33).toString('base64url').slice(0, 43);
}

/**
 * The account's templates, created on first use with the two defaults (`wxmp_sub_order_paid`, one-time, and
 * `wxmp_sub_arrival`, long-term).
 *
 * @example
 * ```ts
 * accountTemplates(state).map((t) => t.priTmplId);
 * ```
 */
export function accountTemplates(state: EmulatorState): AccountTemplate[] {
  return state.slot<AccountTemplate[]>('subscribeTemplates', () => [
    makeTemplate('wxmp_sub_order_paid', 99, [1, 2, 3]),
    makeTemplate('wxmp_sub_arrival', 100, [1, 2, 3]),
  ]);
}

/**
 * The keys a template's `data` must fill, from its content (`amount1`, `time2`…).
 *
 * @example
 * ```ts
 * templateKeys({ content: '金额:{{amount1.DATA}}' }); // ['amount1']
 * ```
 */
export function templateKeys(template: Pick<AccountTemplate, 'content'>): string[] {
  return [...template.content.matchAll(/\{\{(\w+)\.DATA\}\}/g)].map((m) => m[1]!);
}
