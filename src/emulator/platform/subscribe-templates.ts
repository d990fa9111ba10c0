/**
 * The subscription-notification templates (`/wxaapi/newtmpl/*`): the account's categories, the public templates
 * and their keywords, and the account's own templates (`subscribe-library.ts`). Codes of the newtmpl pages:
 * 200012 too many templates, 200014 unknown tid, 200016 bad start, 200017 bad limit, 200018 no category ids,
 * 200019 bad category ids, 200020 bad keywords, 200021 scene description too long.
 * @module
 */
import type { Handlers } from './core/handler.js';
import { fail, OK, textOf } from './core/respond.js';
import {
  accountTemplates,
  makeTemplate,
  MAX_ACCOUNT_TEMPLATES,
  newTemplateId,
  PUBLIC_TEMPLATES,
  SUBSCRIBE_CATEGORIES,
} from './subscribe-library.js';

/** Public templates per getpubtemplatetitles page, at most. */
const MAX_TITLES = 30;

/**
 * The handlers of the subscription-template endpoints.
 *
 * @example
 * ```ts
 * Object.keys(subscribeTemplateHandlers); // ['subscribe.getCategory', 'subscribe.addTemplate', …]
 * ```
 */
export const subscribeTemplateHandlers: Handlers = {
  'subscribe.getCategory': () => ({ ...OK, data: SUBSCRIBE_CATEGORIES }),
  'subscribe.getPubTemplateTitles': ({ query }) => {
    const raw = query['ids'];
    if (raw === undefined || raw.trim() === '') fail(200018);
    const ids = raw
      .replaceAll('"', '')
      .split(',')
      .map((id) => Number(id.trim()));
    if (ids.some((id) => !Number.isInteger(id))) fail(200019);
    const start = Number(query['start'] ?? 0);
    const limit = Number(query['limit'] ?? MAX_TITLES);
    if (!Number.isInteger(start) || start < 0) fail(200016);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TITLES) fail(200017);
    const titles = PUBLIC_TEMPLATES.filter((t) => ids.includes(t.categoryId));
    const data = titles
      .slice(start, start + limit)
      .map((t) => ({ tid: t.tid, title: t.title, type: t.type, categoryId: String(t.categoryId) }));
    return { ...OK, count: titles.length, data };
  },
  'subscribe.getPubTemplateKeywords': ({ query }) => {
    const template = PUBLIC_TEMPLATES.find((t) => String(t.tid) === query['tid']) ?? fail(200014);
    const data = template.keywords.map((k) => ({
      kid: k.kid,
      name: k.name,
      example: k.example,
      rule: k.rule,
    }));
    return { ...OK, count: data.length, data };
  },
  'subscribe.addTemplate': ({ state, body }) => {
    const kids = Array.isArray(body['kidList']) ? body['kidList'].map(Number) : fail(200020);
    if ([...textOf(body['sceneDesc'])].length > 15) fail(200021);
    const templates = accountTemplates(state);
    if (templates.length >= MAX_ACCOUNT_TEMPLATES) fail(200012);
    const template = makeTemplate(newTemplateId(), Number(textOf(body['tid'])), kids);
    templates.push(template);
    return { ...OK, priTmplId: template.priTmplId };
  },
  'subscribe.listTemplates': ({ state }) => ({ ...OK, data: accountTemplates(state) }),
  'subscribe.deleteTemplate': ({ state, body }) => {
    const templates = accountTemplates(state);
    const index = templates.findIndex((t) => t.priTmplId === body['priTmplId']);
    if (index < 0) fail(40037);
    templates.splice(index, 1);
    return OK;
  },
};
