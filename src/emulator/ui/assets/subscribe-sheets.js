// The consent sheets of subscriptions: the popup a fan meets in an article or a web page (订阅通知, one switch per
// template; pushes subscribe_msg_popup_event), turning one off as in WeChat's notification settings
// (subscribe_msg_change_event), and the one-time subscription page (一次性订阅消息) a VIEW button may open.
import { api } from './api.js';
import { h } from './dom.js';
import { toast, ui } from './elements.js';
import { act } from './fan-actions.js';
import { closeSheet, openSheet } from './sheet.js';
import { S } from './state.js';

/** @typedef {import('../../fans/action-types.js').FanSubscription} FanSubscription */

/** @returns {Promise<FanSubscription[]>} The account's templates with the current fan's choice. */
async function subscriptions() {
  const path = `/__emulator/fans/${encodeURIComponent(S.current ?? '')}/subscriptions`;
  const { subscriptions: list } = /** @type {{ subscriptions: FanSubscription[] }} */ (await api(path));
  return list;
}

/**
 * One template of the popup: its title, what it sends, a switch (on = 允许).
 * @param {FanSubscription} t
 */
function templateRow(t) {
  const kind = t.type === 3 ? '长期订阅' : '一次性订阅';
  const state = t.status === 'accept' ? ' · 已允许' : t.status === 'reject' ? ' · 已拒绝' : '';
  const lines = t.content.replace(/\{\{\w+\.DATA\}\}/g, '…');
  return h(
    'label',
    { class: 'sub-row' },
    h('input', { type: 'checkbox', name: t.templateId, checked: t.status !== 'reject' }),
    h('span', {}, h('b', {}, t.title), h('small', {}, `${kind}${state}`), h('small', {}, lines)),
  );
}

/** The popup: the account's templates, each allowed or not, from an article (scene 2) or a web page (scene 1). */
export async function subscribePopupSheet() {
  const list = await subscriptions().catch((/** @type {Error} */ err) => (toast(err.message), null));
  if (!list) return;
  if (list.length === 0) return toast('公众号还没有订阅通知模板 (add one with /wxaapi/newtmpl/addtemplate)');
  const scene = h(
    'select',
    { name: 'scene' },
    h('option', { value: '2' }, '图文消息中 (PopupScene 2)'),
    h('option', { value: '1' }, '网页中 (PopupScene 1)'),
  );
  const rows = list.map(templateRow);
  /** @param {Event} e */
  const submit = (e) => {
    e.preventDefault();
    const templates = rows.map((row) => {
      const box = /** @type {HTMLInputElement} */ (row.querySelector('input'));
      return { template_id: box.name, accept: box.checked };
    });
    closeSheet();
    void act('subscribe-popup', { scene: Number(scene.value), templates });
  };
  ui.backdrop.onclick = closeSheet;
  openSheet(
    h('h2', {}, `「${S.page?.account.name ?? ''}」想给你发送以下通知`),
    h(
      'form',
      { id: 'subscribe-form', onsubmit: submit },
      rows,
      h('label', {}, '弹窗来自 Scene', scene),
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', onclick: closeSheet }, '取消'),
        h('button', { class: 'primary', type: 'submit', id: 'subscribe-ok' }, '确定'),
      ),
    ),
  );
}

/** The notification settings: each allowed template with a button to turn it off. */
export async function subscriptionSettingsSheet() {
  const list = await subscriptions().catch((/** @type {Error} */ err) => (toast(err.message), null));
  if (!list) return;
  const allowed = list.filter((t) => t.status === 'accept');
  const off = (/** @type {FanSubscription} */ t) => {
    closeSheet();
    void act('subscribe-reject', { template_id: t.templateId });
  };
  ui.backdrop.onclick = closeSheet;
  openSheet(
    h('h2', {}, '通知管理 · Notification settings'),
    h(
      'div',
      { class: 'actions' },
      allowed.length === 0 ? h('p', { class: 'hint empty-subs' }, '没有已允许的通知') : null,
      allowed.map((t) =>
        h(
          'button',
          { class: 'danger', 'data-template': t.templateId, onclick: () => off(t) },
          `不再接收「${t.title}」`,
        ),
      ),
    ),
    h('button', { class: 'cancel', onclick: closeSheet }, '取消'),
  );
}

const SUBSCRIBE_MSG = /^(?:https?:\/\/[^/]+)?\/mp\/subscribemsg\?/;

/**
 * Whether a URL is WeChat's one-time subscription page (mp.weixin.qq.com's, or the emulator's own).
 * @param {string} url
 */
export const isSubscribeMsgUrl = (url) => SUBSCRIBE_MSG.test(url);

/**
 * The one-time subscription page as a sheet: what the account asks, 允许 or 取消; then the developer's page opens
 * with the answer, as WeChat sends the fan there.
 * @param {string} url
 */
export function oneTimeSheet(url) {
  const q = new URL(url, location.href).searchParams;
  const consent = {
    template_id: q.get('template_id') ?? '',
    scene: q.get('scene') ?? '',
    redirect_url: q.get('redirect_url') ?? '',
    reserved: q.get('reserved') ?? '',
  };
  /** @param {'confirm' | 'cancel'} action */
  const answer = async (action) => {
    closeSheet();
    const result = await act('subscribe-once', { ...consent, action });
    if (result?.opened?.url) window.open(result.opened.url, '_blank', 'noopener');
  };
  ui.backdrop.onclick = () => void answer('cancel');
  openSheet(
    h('h2', {}, `「${S.page?.account.name ?? ''}」申请向你发送一次消息`),
    h(
      'div',
      { class: 'once' },
      h('p', {}, `模板 ${consent.template_id}`),
      h('p', { class: 'hint' }, `scene ${consent.scene}`),
      h(
        'div',
        { class: 'buttons' },
        h('button', { id: 'once-cancel', onclick: () => void answer('cancel') }, '取消'),
        h('button', { class: 'primary', id: 'once-confirm', onclick: () => void answer('confirm') }, '允许'),
      ),
    ),
  );
}
