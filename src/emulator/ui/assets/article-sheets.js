// The account's sent articles on the phone: the list, and one article with what a reader does there — open it
// (a read for the statistics), share it with a friend, read the comments a reader sees (elected ones and their own,
// with the account's replies), write one while comments are open, take one's own back.
import { api } from './api.js';
import { h } from './dom.js';
import { toast, ui } from './elements.js';
import { act } from './fan-actions.js';
import { closeSheet, openSheet } from './sheet.js';
import { S } from './state.js';

/** @typedef {import('../../fans/action-types.js').FanArticle} FanArticle */

/** @returns {Promise<FanArticle[]>} The sent articles, newest send first, as the current fan sees them. */
async function articles() {
  const path = `/__emulator/fans/${encodeURIComponent(S.current ?? '')}/articles`;
  const { articles: list } = /** @type {{ articles: FanArticle[] }} */ (await api(path));
  return list;
}

/**
 * The article's place as the fan actions name it.
 * @param {FanArticle} a
 */
const ref = (a) => ({ msg_data_id: a.msgDataId, index: a.index });

/**
 * One comment as a reader sees it.
 * @param {FanArticle} a
 * @param {FanArticle['comments'][number]} c
 */
function commentItem(a, c) {
  const remove = async () => {
    await act('comment-delete', { ...ref(a), user_comment_id: c.id });
    await showArticle(a);
  };
  return h(
    'li',
    { class: 'comment', 'data-comment': c.id },
    h('p', {}, c.content),
    c.elected ? h('small', { class: 'elected' }, '精选') : null,
    c.mine ? h('button', { class: 'link', onclick: remove }, '删除') : null,
    c.reply ? h('p', { class: 'reply' }, `作者回复：${c.reply}`) : null,
  );
}

/**
 * The comment box, or why there is none.
 * @param {FanArticle} a
 */
function commentBox(a) {
  if (!a.commentsOpen) return h('p', { class: 'hint' }, '留言已关闭 · Comments are closed');
  const text = h('textarea', { name: 'content', rows: 2, placeholder: '写留言', maxlength: 600 });
  /** @param {Event} e */
  const submit = async (e) => {
    e.preventDefault();
    if (!text.value.trim()) return;
    const done = await act('comment', { ...ref(a), content: text.value });
    if (done) await showArticle(a);
  };
  return h(
    'form',
    { id: 'comment-form', onsubmit: submit },
    text,
    h('div', { class: 'buttons' }, h('button', { class: 'primary', type: 'submit' }, '留言')),
  );
}

/**
 * One article: open it, share it, its comments and the box to write one. Opening the sheet is a read.
 * @param {FanArticle} article
 */
async function showArticle(article) {
  const fresh = (await articles()).find(
    (a) => a.msgDataId === article.msgDataId && a.index === article.index,
  );
  if (!fresh) return toast('这篇文章已删除');
  const open = () => fresh.url && window.open(fresh.url, '_blank', 'noopener');
  const share = async () => {
    const done = await act('article-share', ref(fresh));
    if (done) toast('已分享给朋友');
  };
  ui.backdrop.onclick = closeSheet;
  openSheet(
    h('h2', {}, fresh.title),
    h(
      'div',
      { class: 'article-tools buttons' },
      h('button', { onclick: open, disabled: !fresh.url }, '阅读全文'),
      h('button', { id: 'article-share', onclick: share }, '分享'),
    ),
    h(
      'ul',
      { class: 'comments' },
      fresh.comments.map((c) => commentItem(fresh, c)),
    ),
    commentBox(fresh),
    h('button', { class: 'cancel', onclick: closeSheet }, '关闭'),
  );
}

/**
 * Opens an article: records the read, then shows it.
 * @param {FanArticle} a
 */
async function readArticle(a) {
  await act('article-read', ref(a));
  await showArticle(a);
}

/** The sent articles to pick from. */
export async function articlesSheet() {
  const list = await articles().catch((/** @type {Error} */ err) => (toast(err.message), null));
  if (!list) return;
  ui.backdrop.onclick = closeSheet;
  const row = (/** @type {FanArticle} */ a) =>
    h(
      'button',
      {
        class: 'article-row',
        'data-article': `${a.msgDataId}_${a.index}`,
        onclick: () => void readArticle(a),
      },
      a.title,
      h('small', {}, a.commentsOpen ? ` 留言 ${a.comments.length}` : ' 留言已关闭'),
    );
  openSheet(
    h('h2', {}, '文章 · Articles'),
    h(
      'div',
      { class: 'actions' },
      list.length === 0
        ? h('p', { class: 'hint' }, '公众号还没有发表文章 (publish a draft with /cgi-bin/freepublish/submit)')
        : null,
      list.map(row),
    ),
    h('button', { class: 'cancel', onclick: closeSheet }, '取消'),
  );
}
