// The developer panel: every push with its attempts, the exact request, the reply (raw and decrypted) and WeChat's
// verdict; and the settings of the emulated account (development credentials, shown on purpose).
import { api } from './api.js';
import { h } from './render.js';

const MODES = { plain: '明文 plain', compatible: '兼容 compatible', safe: '安全 safe' };

function time(ms) {
  const d = new Date(ms);
  return `${d.toLocaleTimeString('zh-CN', { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function block(title, text) {
  return [h('h4', {}, title), h('pre', {}, text === undefined || text === '' ? '(空 empty)' : text)];
}

const TOKENS = /(<!\[CDATA\[[\s\S]*?\]\]>)|(<\/?[^>]+>)|([^<]+)/g;

/** XML with one element per line, for reading only (the raw blocks show the exact bytes). CDATA is kept whole. */
export function formatXml(xml) {
  if (!xml || !xml.startsWith('<')) return xml;
  let out = '';
  let depth = 0;
  let open = false; // an opening tag waits for its text or its children
  for (const [token, cdataPart, tag] of xml.matchAll(TOKENS)) {
    if (tag && tag.startsWith('</')) {
      depth -= 1;
      out += open ? tag : `\n${'  '.repeat(depth)}${tag}`;
      open = false;
    } else if (tag) {
      out += `${out ? '\n' : ''}${'  '.repeat(depth)}${tag}`;
      if (!tag.endsWith('/>')) {
        depth += 1;
        open = true;
      }
    } else {
      out += cdataPart ?? token;
    }
  }
  return out;
}

/** One push as a collapsible row; the summary says status, latency and attempts at a glance. */
export function pushItem(record, fanName) {
  const ok = record.verdict.ok;
  const last = record.attempts.at(-1);
  const total = record.attempts.reduce((sum, a) => sum + a.ms, 0);
  const status = last
    ? last.status !== undefined
      ? `HTTP ${last.status}`
      : '无响应 no answer'
    : '未发送 not sent';
  const query = new URLSearchParams(record.requestQuery.replace(/^\?/, ''));
  const lastBody = last?.body;
  const detail = h(
    'div',
    { class: 'detail' },
    h('h4', {}, '结论 Verdict'),
    h(
      'div',
      { class: `verdict ${ok ? 'ok' : 'bad'}` },
      ok ? '✓ 通过 — WeChat accepts this answer' : `✗ ${record.verdict.reason}`,
    ),
    h('h4', {}, `尝试 Attempts (${record.attempts.length}/3)`),
    record.attempts.length
      ? h(
          'table',
          { class: 'attempts' },
          h(
            'tr',
            {},
            h('th', {}, '#'),
            h('th', {}, '时间 at'),
            h('th', {}, '状态 status'),
            h('th', {}, '耗时 ms'),
            h('th', {}, '错误 error'),
          ),
          record.attempts.map((a, i) =>
            h(
              'tr',
              {},
              h('td', {}, i + 1),
              h('td', {}, time(a.at)),
              h('td', {}, a.status ?? '—'),
              h('td', {}, a.ms),
              h('td', {}, a.error ?? ''),
            ),
          ),
        )
      : h('p', {}, '没有尝试 (no attempt)'),
    block(`请求 Request · ${record.mode} mode · query`, [...query].map(([k, v]) => `${k}=${v}`).join('\n')),
    block('请求体 Request body (raw, exactly as sent)', record.requestBody),
    block(
      record.mode === 'plain' ? '消息 Message XML' : '明文消息 Message XML (decrypted)',
      formatXml(record.messageXml),
    ),
    block('原始回复 Raw reply body (exactly as received)', lastBody),
    block(
      record.mode === 'plain' ? '回复 Reply XML' : '解密回复 Reply XML (decrypted)',
      formatXml(record.replyXml),
    ),
  );
  const row = h(
    'details',
    { class: 'push', id: `push-${record.id}`, 'data-kind': record.kind },
    h(
      'summary',
      {},
      h('span', { class: `badge ${ok ? 'ok' : 'bad'}` }, ok ? '✓ OK' : '✗ 失败'),
      h('span', { class: 'kind' }, record.kind, h('small', {}, `${fanName(record.openid)} · ${status}`)),
      h('span', { class: 'stats' }, `${total} ms · ${record.attempts.length} 次 · ${time(record.at)}`),
      ok ? null : h('span', { class: 'reason' }, record.verdict.reason),
    ),
    detail,
  );
  return row;
}

function copyButton(value) {
  return h(
    'button',
    {
      class: 'copy',
      onclick: async (e) => {
        await navigator.clipboard?.writeText(value).catch(() => undefined);
        e.target.textContent = '已复制';
        setTimeout(() => (e.target.textContent = '复制'), 1200);
      },
    },
    '复制',
  );
}

/** The settings box: credentials to copy, and the webhook URL and mode to change. */
export function settingsView(page, onSaved) {
  const a = page.account;
  const row = (label, env, value) => [
    h('dt', {}, label, h('small', {}, env)),
    h('dd', {}, value),
    copyButton(value),
  ];
  const url = h('input', {
    id: 'set-webhook',
    value: a.webhookUrl ?? '',
    placeholder: 'http://127.0.0.1:3000/wx',
  });
  const mode = h(
    'select',
    { id: 'set-mode' },
    Object.entries(MODES).map(([k, v]) => h('option', { value: k, selected: k === a.mode }, v)),
  );
  const status = h('span', { class: 'hint' });
  const relative = (a.webhookUrl ?? '').startsWith('/');
  const where = h(
    'p',
    { class: 'hint' },
    relative
      ? `= ${page.apiBase}${a.webhookUrl} (served by this emulator: the example bot of wxmp dev)`
      : a.webhookUrl
        ? 'Pushes go to your server; it must answer within 5 s.'
        : '未配置 — set the URL of your webhook, e.g. http://127.0.0.1:3000/wx',
  );
  const save = h(
    'button',
    {
      class: 'copy',
      id: 'set-save',
      onclick: async () => {
        try {
          await api('/__emulator/server', { webhookUrl: url.value.trim(), mode: mode.value }, 'PATCH');
          status.textContent = ' 已保存 saved';
          onSaved();
        } catch (err) {
          status.textContent = ` ${err.message}`;
        }
      },
    },
    '保存 Save',
  );
  const env = [
    `WECHAT_APPID=${a.appId}`,
    `WECHAT_APPSECRET=${a.appSecret}`,
    `WECHAT_TOKEN=${a.token}`,
    `WECHAT_ENCODING_AES_KEY=${a.encodingAESKey}`,
    `WECHAT_API_BASE=${page.apiBase}`,
  ].join('\n');
  return h(
    'div',
    { class: 'settings' },
    h('h3', {}, '服务器配置 Server configuration'),
    h(
      'dl',
      { class: 'settings-grid' },
      h('dt', {}, '服务器地址 URL', h('small', {}, 'webhook')),
      h('dd', {}, url, where),
      h('span'),
      h('dt', {}, '消息加解密方式', h('small', {}, 'mode')),
      h('dd', {}, mode),
      h('span', {}, save, status),
      row('令牌 Token', 'WECHAT_TOKEN', a.token),
      row('消息加解密密钥', 'WECHAT_ENCODING_AES_KEY', a.encodingAESKey),
    ),
    h('h3', {}, '开发者 ID · Developer credentials'),
    h(
      'dl',
      { class: 'settings-grid' },
      row('AppID', 'WECHAT_APPID', a.appId),
      row('AppSecret', 'WECHAT_APPSECRET', a.appSecret),
      row('原始 ID', 'ToUserName', a.ghId),
      row('API 地址', 'WECHAT_API_BASE', page.apiBase),
    ),
    h('h3', {}, '.env ', copyButton(env)),
    h('pre', { class: 'env' }, env),
    h(
      'p',
      {},
      '这些是模拟账号的开发凭据，只在本模拟器里有效。These are development credentials of the emulated account, valid only here. Point your server at them (',
      h('code', {}, '.env'),
      ') and set ',
      h('code', {}, 'WECHAT_API_BASE'),
      ' to the emulator so API calls (menu, customer-service messages, media…) land here.',
    ),
  );
}
