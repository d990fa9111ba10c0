/**
 * The API reference pages (`docs/api-reference.md`, `docs/zh/api-reference.md`) from the endpoint table: every
 * endpoint with its method, path, credential, request and response types (as `EndpointTypes` declares them, read
 * with the TypeScript compiler) and WeChat's page. Written by `prepare.ts` (`npm run docs:build`) before VitePress
 * runs; the pages are build output (git-ignored), so they can never drift from the table.
 * @module
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { endpoints, type EndpointSpec } from '../../src/api/endpoints.js';
import { accountRows, toolRows } from '../../src/api/rows/account.js';
import { contentRows } from '../../src/api/rows/content.js';
import { aiRows, intelligenceRows } from '../../src/api/rows/intelligence.js';
import { customServiceRows, notificationRows } from '../../src/api/rows/messaging.js';
import { statisticsRows } from '../../src/api/rows/statistics.js';

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** The areas of the table, as its row files group them. */
const areas: { zh: string; en: string; rows: object }[] = [
  { zh: '基础、菜单、用户与标签', en: 'Tokens, menus, users and tags', rows: accountRows },
  {
    zh: '二维码、网页授权、JS-SDK 与接口管理',
    en: 'QR codes, web authorization, JS-SDK, API tools',
    rows: toolRows,
  },
  { zh: '客服消息与客服管理', en: 'Customer service', rows: customServiceRows },
  { zh: '模板消息、订阅通知与群发', en: 'Template, subscription and mass messages', rows: notificationRows },
  { zh: '素材、草稿、发布与留言', en: 'Media, drafts, publishing and comments', rows: contentRows },
  { zh: '数据统计', en: 'Statistics', rows: statisticsRows },
  { zh: '智能接口 (OCR、图像)', en: 'OCR and image tools', rows: intelligenceRows },
  { zh: 'AI 接口', en: 'AI endpoints', rows: aiRows },
];

/** Request and response type of each endpoint, as written in `EndpointTypes` (aliases kept, so names stay short). */
export function endpointTypeNames(): Map<string, { request: string; response: string }> {
  const file = join(root, 'src/api/endpoint-types.ts');
  const program = ts.createProgram([file], {
    strict: true,
    exactOptionalPropertyTypes: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`cannot read ${file}`);
  let iface: ts.InterfaceDeclaration | undefined;
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'EndpointTypes') iface = node;
  });
  if (!iface) throw new Error('EndpointTypes not found in src/api/endpoint-types.ts');
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;
  const names = new Map<string, { request: string; response: string }>();
  for (const prop of checker.getTypeAtLocation(iface).getProperties()) {
    const io = checker.getTypeOfSymbol(prop);
    const part = (key: 'request' | 'response'): string => {
      const symbol = io.getProperty(key);
      return symbol ? checker.typeToString(checker.getTypeOfSymbol(symbol), iface, flags) : '?';
    };
    names.set(prop.getName(), { request: part('request'), response: part('response') });
  }
  return names;
}

const AUTH = {
  zh: {
    access_token: 'access_token',
    'appid+secret': 'AppID + AppSecret',
    appid: 'AppID',
    user_token: '网页授权 access_token',
    none: '无',
  },
  en: {
    access_token: 'access_token',
    'appid+secret': 'AppID + AppSecret',
    appid: 'AppID',
    user_token: "the fan's web-authorization token",
    none: 'none',
  },
} as const;

const code = (text: string): string => `\`${text.replace(/\|/g, '\\|')}\``;

function table(
  lang: 'zh' | 'en',
  specs: EndpointSpec[],
  types: ReturnType<typeof endpointTypeNames>,
): string {
  const head =
    lang === 'zh'
      ? '| 名称 (`client.call` / 方法) | 方法与路径 | 凭证 | 请求类型 | 响应类型 | 微信文档 |'
      : '| name (`client.call` / method) | method and path | credential | request type | response type | WeChat |';
  const lines = [head, '| --- | --- | --- | --- | --- | --- |'];
  for (const spec of specs) {
    const t = types.get(spec.name);
    if (!t) throw new Error(`${spec.name} has no entry in EndpointTypes`);
    const request = t.request === 'undefined' ? '—' : code(t.request);
    const link = lang === 'zh' ? '文档' : 'page';
    lines.push(
      `| ${code(spec.name)} | ${code(`${spec.method} ${spec.path}`)} | ${AUTH[lang][spec.auth]} | ${request} | ${code(t.response)} | [${link}](${spec.doc}) |`,
    );
  }
  return lines.join('\n');
}

const INTRO = {
  zh: `# API 参考

本页由接口表 (\`src/api/endpoints.ts\`, 各行在 \`src/api/rows/\`) 和 \`EndpointTypes\` 在构建文档时生成, 列出 wxmp 支持的全部
**${Object.keys(endpoints).length}** 个接口: 名称、HTTP 方法与路径、所需凭证、请求与响应的 TypeScript 类型, 以及微信官方文档的链接。

- 名称即 \`client.call(名称, 请求)\` 的第一个参数, 也是分组方法名: \`menu.create\` 就是 \`client.menu.create(…)\`;
- 类型都从 \`wxmp/api\` 导出, 可以直接 \`import type { Menu } from 'wxmp/api'\`;
- 命令行 \`wxmp api 名称 '{"字段":"值"}'\` 可以调用其中任意一个, API 代理 (\`wxmp proxy\`) 也只转发表中的接口。

用法见 [API 客户端](api.md)。`,
  en: `# API reference

Generated when the site is built from the endpoint table (\`src/api/endpoints.ts\`, rows in \`src/api/rows/\`) and
\`EndpointTypes\`: all **${Object.keys(endpoints).length}** endpoints wxmp knows, with the HTTP method and path, the
credential each needs, the TypeScript types of its request and response, and WeChat's page.

- The name is the first argument of \`client.call(name, request)\` and the group method: \`menu.create\` is
  \`client.menu.create(…)\`;
- every type is exported by \`wxmp/api\` (\`import type { Menu } from 'wxmp/api'\`);
- \`wxmp api NAME '{"field":"value"}'\` calls any of them from the command line; the API proxy forwards exactly these.

How to call them: [the API client](api.md).`,
} as const;

/** The whole page in one language. */
export function referencePage(lang: 'zh' | 'en'): string {
  const types = endpointTypeNames();
  const all = endpoints as unknown as Record<string, EndpointSpec>;
  const sections = areas.map((area) => {
    const specs = Object.keys(area.rows).map((name) => {
      const spec = all[name];
      if (!spec) throw new Error(`${name} is in a rows file but not in the table`);
      return spec;
    });
    return `## ${area[lang]}\n\n${table(lang, specs, types)}`;
  });
  const listed = areas.reduce((n, area) => n + Object.keys(area.rows).length, 0);
  if (listed !== Object.keys(endpoints).length) {
    throw new Error(`the areas list ${listed} endpoints, the table has ${Object.keys(endpoints).length}`);
  }
  return `${INTRO[lang]}\n\n${sections.join('\n\n')}\n`;
}
