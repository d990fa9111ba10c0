/**
 * The account's template industries (slot `industry`, codes of WeChat's table) and adding library templates to the
 * account's templates, the list `template/get_all_private_template` answers. Changing the industries deletes the
 * templates of the industries left behind, as documented.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { EmulatorState } from '../state.js';
import type { Handlers } from './core/handler.js';
import { industryByCode, TEMPLATE_LIBRARY, type LibraryTemplate } from './template-library.js';
import { field, INTEGER } from './core/input.js';
import { fail, OK } from './core/respond.js';
import { templateStore, type PrivateTemplate } from './template.js';

/**
 * Templates per account (not on the endpoint's page: 45026 "template num exceeds limit" is seen in the wild).
 *
 * @example
 * ```ts
 * import { fail } from './core/respond.js';
 * import { templateStore } from './template.js';
 * if (templateStore(state).list.length >= MAX_TEMPLATES) fail(45026);
 * ```
 */
export const MAX_TEMPLATES = 25;

interface IndustrySlot {
  primary: number;
  secondary: number;
}

// A fresh account's industries match its default templates.
function industries(state: EmulatorState): IndustrySlot {
  return state.slot<IndustrySlot>('industry', () => ({ primary: 1, secondary: 22 }));
}

// Codes arrive as strings ("1") as documented; numbers are taken too.
const INDUSTRY_CODE = INTEGER.refine((code) => industryByCode(code) !== undefined);

const matches = (template: PrivateTemplate, code: number) => {
  const industry = industryByCode(code);
  return (
    industry !== undefined &&
    template.primary_industry === industry.first_class &&
    template.deputy_industry === industry.second_class
  );
};

// A category template keeps the keywords asked for, in order; an unknown or missing one is 40246.
function contentOf(library: LibraryTemplate, body: Record<string, unknown>): string {
  if (library.keywords === undefined) return library.content ?? '';
  const keywords = library.keywords;
  const names = field(
    body,
    'keyword_name_list',
    z.array(z.string().refine((name) => Object.hasOwn(keywords, name))).min(1),
    40246,
  );
  return names.map((name, i) => `${name}：{{${keywords[name] ?? 'thing'}${i + 1}.DATA}}`).join('\n');
}

/**
 * The handlers of api_set_industry, get_industry and api_add_template.
 *
 * @example
 * ```ts
 * Object.keys(templateIndustryHandlers); // ['template.setIndustry', 'template.getIndustry', …]
 * ```
 */
export const templateIndustryHandlers: Handlers = {
  'template.setIndustry': ({ state, body }) => {
    const primary = field(body, 'industry_id1', INDUSTRY_CODE, 40102);
    const secondary = field(body, 'industry_id2', INDUSTRY_CODE, 40102);
    const current = industries(state);
    const leftBehind = [current.primary, current.secondary].filter((c) => c !== primary && c !== secondary);
    const store = templateStore(state);
    store.list = store.list.filter((t) => !leftBehind.some((code) => matches(t, code)));
    Object.assign(current, { primary, secondary });
    return OK;
  },
  'template.getIndustry': ({ state }) => {
    const { primary, secondary } = industries(state);
    return { primary_industry: industryByCode(primary), secondary_industry: industryByCode(secondary) };
  },
  'template.add': ({ state, body }) => {
    const id = body['template_id_short'];
    const library = TEMPLATE_LIBRARY.find((t) => t.id === id) ?? fail(40037);
    const content = contentOf(library, body);
    const store = templateStore(state);
    if (store.list.length >= MAX_TEMPLATES) fail(45026);
    const industry = industryByCode(library.industry);
    const template: PrivateTemplate = {
      // Template ids are 43 URL-safe characters.
      template_id: randomBytes(32).toString('base64url'),
      title: library.title,
      primary_industry: industry?.first_class ?? '',
      deputy_industry: industry?.second_class ?? '',
      content,
      example: '',
    };
    store.list = [...store.list, template];
    return { template_id: template.template_id };
  },
};
