// The settings box of the developer panel: the server configuration (webhook URL and mode, to change), and the
// emulated account's development credentials (shown on purpose, to copy).
import { api } from './api.js';
import { h } from './dom.js';

/** @typedef {import('../page-snapshot.js').PageSnapshot} PageSnapshot */

const MODES = { plain: '明文 plain', compatible: '兼容 compatible', safe: '安全 safe' };

/**
 * A button that copies `value`, and says so for a moment.
 * @param {string} value
 */
function copyButton(value) {
  /** @param {Event} e */
  const copy = async (e) => {
    const button = /** @type {HTMLElement} */ (e.target);
    await navigator.clipboard?.writeText(value).catch(() => undefined);
    button.textContent = '已复制';
    setTimeout(() => (button.textContent = '复制'), 1200);
  };
  return h('button', { class: 'copy', onclick: copy }, '复制');
}

/**
 * A credential: its name, the variable that takes it, the value and a copy button.
 * @param {string} label
 * @param {string} env
 * @param {string} value
 */
const row = (label, env, value) => [
  h('dt', {}, label, h('small', {}, env)),
  h('dd', {}, value),
  copyButton(value),
];

/**
 * Where pushes go, in words.
 * @param {PageSnapshot} page
 */
function webhookHint(page) {
  const url = page.account.webhookUrl ?? '';
  if (url.startsWith('/'))
    return `= ${page.apiBase}${url} (served by this emulator: the example bot of wxmp dev)`;
  return url
    ? 'Pushes go to your server; it must answer within 5 s.'
    : '未配置 — set the URL of your webhook, e.g. http://127.0.0.1:3000/wx';
}

/**
 * The webhook URL and the mode, with the button that saves them (`PATCH /__emulator/server`).
 * @param {PageSnapshot} page
 * @param {() => void} onSaved
 */
function serverFields(page, onSaved) {
  const a = page.account;
  const url = h('input', {
    id: 'set-webhook',
    value: a.webhookUrl ?? '',
    placeholder: 'http://127.0.0.1:3000/wx',
  });
  const options = Object.entries(MODES).map(([k, v]) => h('option', { value: k, selected: k === a.mode }, v));
  const mode = h('select', { id: 'set-mode' }, options);
  const status = h('span', { class: 'hint' });
  const save = async () => {
    try {
      await api('/__emulator/server', { webhookUrl: url.value.trim(), mode: mode.value }, 'PATCH');
      status.textContent = ' 已保存 saved';
      onSaved();
    } catch (err) {
      status.textContent = ` ${err instanceof Error ? err.message : String(err)}`;
    }
  };
  return [
    h('dt', {}, '服务器地址 URL', h('small', {}, 'webhook')),
    h('dd', {}, url, h('p', { class: 'hint' }, webhookHint(page))),
    h('span'),
    h('dt', {}, '消息加解密方式', h('small', {}, 'mode')),
    h('dd', {}, mode),
    h('span', {}, h('button', { class: 'copy', id: 'set-save', onclick: save }, '保存 Save'), status),
  ];
}

/**
 * The account as `.env` lines for the developer's server.
 * @param {PageSnapshot} page
 */
function envText(page) {
  const a = page.account;
  return [
    `WECHAT_APPID=${a.appId}`,
    `WECHAT_APPSECRET=${a.appSecret}`,
    `WECHAT_TOKEN=${a.token}`,
    `WECHAT_ENCODING_AES_KEY=${a.encodingAESKey}`,
    `WECHAT_API_BASE=${page.apiBase}`,
  ].join('\n');
}

/** Why the credentials are on the page, and what to do with them. */
function envAdvice() {
  return h(
    'p',
    {},
    '这些是模拟账号的开发凭据，只在本模拟器里有效。These are development credentials of the emulated account, valid only here. Point your server at them (',
    h('code', {}, '.env'),
    ') and set ',
    h('code', {}, 'WECHAT_API_BASE'),
    ' to the emulator so API calls (menu, customer-service messages, media…) land here.',
  );
}

/**
 * The settings box: credentials to copy, and the webhook URL and mode to change.
 * @param {PageSnapshot} page
 * @param {() => void} onSaved
 */
export function settingsView(page, onSaved) {
  const a = page.account;
  const env = envText(page);
  return h(
    'div',
    { class: 'settings' },
    h('h3', {}, '服务器配置 Server configuration'),
    h(
      'dl',
      { class: 'settings-grid' },
      serverFields(page, onSaved),
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
    envAdvice(),
  );
}
