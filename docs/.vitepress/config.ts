/**
 * The documentation site (VitePress). Chinese is the root locale: its pages live in `docs/zh/` and are served at `/`;
 * the English pages stay where they always were (`docs/*.md`, read on GitHub too) and are served under `/en/`.
 * Both mappings are `rewrites`, so no page moves and relative links between pages of one language keep working.
 * @module
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';

const docsDir = dirname(dirname(fileURLToPath(import.meta.url)));
const pagesIn = (dir: string): string[] =>
  readdirSync(join(docsDir, dir)).filter((name) => name.endsWith('.md') && !name.startsWith('_'));

const englishPages = pagesIn('.');
const chinesePages = new Set(pagesIn('zh'));

/** `webhook.md` → `en/webhook.md`; `zh/webhook.md` → `webhook.md`. */
const rewrites: Record<string, string> = {
  ...Object.fromEntries(englishPages.map((page) => [page, `en/${page}`])),
  ...Object.fromEntries([...chinesePages].map((page) => [`zh/${page}`, page])),
};

interface Page {
  /** the file name without `.md` */
  page: string;
  zh: string;
  en: string;
}

/** Every page of the site, in reading order. Pages another change adds appear once their file exists. */
const groups: { zh: string; en: string; pages: Page[] }[] = [
  {
    zh: '开始',
    en: 'Start',
    pages: [
      { page: 'getting-started', zh: '快速上手', en: 'Getting started' },
      { page: 'go-live', zh: '上线指南', en: 'Going live' },
    ],
  },
  {
    zh: '开发',
    en: 'Develop',
    pages: [
      { page: 'webhook', zh: '消息与回复 (Webhook)', en: 'The webhook' },
      { page: 'slow-handlers', zh: '慢处理与超时', en: 'Slow handlers' },
      { page: 'adapters', zh: '接入框架', en: 'Frameworks' },
      { page: 'token', zh: 'access_token 中控', en: 'Tokens' },
      { page: 'api', zh: 'API 客户端', en: 'The API client' },
      { page: 'api-reference', zh: 'API 参考 (全部接口)', en: 'API reference' },
      { page: 'proxy', zh: 'API 代理', en: 'The API proxy' },
    ],
  },
  {
    zh: '工具',
    en: 'Tools',
    pages: [
      { page: 'emulator', zh: '模拟器', en: 'The emulator' },
      { page: 'emulator-api', zh: '模拟器支持的接口', en: 'Emulated APIs' },
      { page: 'cli', zh: '命令行 wxmp', en: 'The CLI' },
    ],
  },
  {
    zh: '运维与项目',
    en: 'Operations and project',
    pages: [
      { page: 'operations', zh: '运维', en: 'Operations' },
      { page: 'architecture', zh: '架构', en: 'Architecture' },
      { page: 'contributing', zh: '参与开发', en: 'Contributing' },
    ],
  },
];

const exists = (page: string): boolean => existsSync(join(docsDir, `${page}.md`));

/** The Chinese sidebar links an English page, marked as such, where no Chinese page exists yet. */
function sidebar(lang: 'zh' | 'en'): DefaultTheme.SidebarItem[] {
  return groups.map((group) => ({
    text: group[lang],
    items: group.pages
      .filter(({ page }) => exists(page) || chinesePages.has(`${page}.md`))
      .map((p) => {
        if (lang === 'en') return { text: p.en, link: `/en/${p.page}` };
        return chinesePages.has(`${p.page}.md`)
          ? { text: p.zh, link: `/${p.page}` }
          : { text: `${p.zh} (English)`, link: `/en/${p.page}` };
      }),
  }));
}

export default defineConfig({
  title: 'wxmp',
  description: '微信公众号后端的 TypeScript 工具包: Webhook、access_token 中控、类型化 API、模拟器和命令行',
  srcDir: '.',
  srcExclude: ['screenshots/**'],
  rewrites,
  cleanUrls: true,
  lastUpdated: false,
  // Links to repository files outside docs/ (deploy/, examples/, src/) are checked by the site's test against the
  // repository; VitePress checks links between pages.
  ignoreDeadLinks: [/^\.\.\//],
  markdown: {
    config(md) {
      // The pages are plain Markdown, read on GitHub too: inline code such as `{{key.DATA}}` is text, not Vue.
      const inline = md.renderer.rules.code_inline;
      md.renderer.rules.code_inline = (tokens, idx, options, env, self) => {
        const html = inline
          ? inline(tokens, idx, options, env, self)
          : self.renderToken(tokens, idx, options);
        return html.replace(/^<code/, '<code v-pre');
      };
    },
  },
  locales: {
    root: {
      label: '简体中文',
      lang: 'zh-CN',
      themeConfig: {
        nav: [
          { text: '快速上手', link: '/getting-started' },
          { text: '上线指南', link: '/go-live' },
          { text: 'API 参考', link: '/api-reference' },
          { text: '命令行', link: '/cli' },
        ],
        sidebar: sidebar('zh'),
        outline: { label: '本页目录', level: [2, 3] },
        docFooter: { prev: '上一页', next: '下一页' },
        darkModeSwitchLabel: '深色模式',
        sidebarMenuLabel: '目录',
        returnToTopLabel: '回到顶部',
        langMenuLabel: '切换语言',
      },
    },
    en: {
      label: 'English',
      lang: 'en-US',
      link: '/en/',
      description:
        'TypeScript toolkit for the backend of a WeChat Official Account: webhook, tokens, typed API, emulator, CLI',
      themeConfig: {
        nav: [
          { text: 'Getting started', link: '/en/getting-started' },
          { text: 'Going live', link: '/en/go-live' },
          { text: 'API reference', link: '/en/api-reference' },
          { text: 'CLI', link: '/en/cli' },
        ],
        sidebar: sidebar('en'),
        outline: { level: [2, 3] },
      },
    },
  },
  themeConfig: {
    search: {
      provider: 'local',
      options: {
        locales: {
          root: {
            translations: {
              button: { buttonText: '搜索文档', buttonAriaLabel: '搜索文档' },
              modal: {
                noResultsText: '没有找到结果',
                resetButtonTitle: '清除',
                footer: { selectText: '选择', navigateText: '切换', closeText: '关闭' },
              },
            },
          },
        },
      },
    },
  },
});
