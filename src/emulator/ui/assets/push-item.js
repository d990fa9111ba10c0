// One push in the developer panel: its attempts, the exact request, the reply (raw and decrypted) and WeChat's
// verdict, behind a summary line that says status, latency and attempts at a glance.
import { h } from './dom.js';

/** @typedef {import('../../world.js').PushRecord} PushRecord */
/** @typedef {PushRecord['attempts'][number]} Attempt */

/**
 * A time of day with milliseconds.
 * @param {number} ms
 */
function time(ms) {
  const d = new Date(ms);
  return `${d.toLocaleTimeString('zh-CN', { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/**
 * A titled block of text (`(空 empty)` when there is none).
 * @param {string} title
 * @param {string | undefined} text
 */
function block(title, text) {
  return [h('h4', {}, title), h('pre', {}, text === undefined || text === '' ? '(空 empty)' : text)];
}

const TOKENS = /(<!\[CDATA\[[\s\S]*?\]\]>)|(<\/?[^>]+>)|([^<]+)/g;

/**
 * XML with one element per line, for reading only (the raw blocks show the exact bytes). CDATA is kept whole.
 * @param {string | undefined} xml
 * @returns {string | undefined}
 */
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

/**
 * What one attempt was to the push: held open past WeChat's cut (WeChat tried again), answered, or unanswered.
 * @param {Attempt[]} attempts
 * @param {number} i
 * @returns {{ kind: 'held' | 'answered' | 'unanswered', text: string }}
 */
function outcomeOf(attempts, i) {
  const a = attempts[i];
  if (a?.status !== undefined)
    return { kind: 'answered', text: i > 0 ? `已回复 answered (after ${i} held)` : '已回复 answered' };
  if (i < attempts.length - 1)
    return { kind: 'held', text: '挂起 held — cut at the timeout, WeChat retried' };
  return { kind: 'unanswered', text: '无响应 no answer' };
}

/**
 * Every attempt: when, the HTTP status, how long, what it was to the push (held, answered), and the error.
 * @param {Attempt[]} attempts
 */
function attemptsTable(attempts) {
  if (attempts.length === 0) return h('p', {}, '没有尝试 (no attempt)');
  const head = ['#', '时间 at', '状态 status', '耗时 ms', '结果 outcome', '错误 error'].map((title) =>
    h('th', {}, title),
  );
  const rows = attempts.map((a, i) =>
    h(
      'tr',
      { class: `attempt ${outcomeOf(attempts, i).kind}` },
      h('td', {}, i + 1),
      h('td', {}, time(a.at)),
      h('td', {}, a.status ?? '—'),
      h('td', {}, a.ms),
      h('td', { class: 'outcome' }, outcomeOf(attempts, i).text),
      h('td', {}, a.error ?? ''),
    ),
  );
  return h('table', { class: 'attempts' }, h('tr', {}, head), rows);
}

/**
 * What the summary says of the last attempt.
 * @param {Attempt | undefined} last
 */
function statusOf(last) {
  if (!last) return '未发送 not sent';
  return last.status !== undefined ? `HTTP ${last.status}` : '无响应 no answer';
}

/**
 * The verdict, the attempts, and the request and reply as sent and as read.
 * @param {PushRecord} record
 */
function pushDetail(record) {
  const ok = record.verdict.ok;
  const query = new URLSearchParams(record.requestQuery.replace(/^\?/, ''));
  const plain = record.mode === 'plain';
  return h(
    'div',
    { class: 'detail' },
    h('h4', {}, '结论 Verdict'),
    h(
      'div',
      { class: `verdict ${ok ? 'ok' : 'bad'}` },
      record.verdict.ok ? '✓ 通过 — WeChat accepts this answer' : `✗ ${record.verdict.reason}`,
    ),
    h('h4', {}, `尝试 Attempts (${record.attempts.length}/3)`),
    attemptsTable(record.attempts),
    block(`请求 Request · ${record.mode} mode · query`, [...query].map(([k, v]) => `${k}=${v}`).join('\n')),
    block('请求体 Request body (raw, exactly as sent)', record.requestBody),
    block(plain ? '消息 Message XML' : '明文消息 Message XML (decrypted)', formatXml(record.messageXml)),
    block('原始回复 Raw reply body (exactly as received)', record.attempts.at(-1)?.body),
    block(plain ? '回复 Reply XML' : '解密回复 Reply XML (decrypted)', formatXml(record.replyXml)),
  );
}

/**
 * One push as a collapsible row.
 * @param {PushRecord} record
 * @param {(openid: string) => string} fanName
 * @returns {HTMLDetailsElement}
 */
export function pushItem(record, fanName) {
  const ok = record.verdict.ok;
  const total = record.attempts.reduce((sum, a) => sum + a.ms, 0);
  const summary = h(
    'summary',
    {},
    h('span', { class: `badge ${ok ? 'ok' : 'bad'}` }, ok ? '✓ OK' : '✗ 失败'),
    h(
      'span',
      { class: 'kind' },
      record.kind,
      h('small', {}, `${fanName(record.openid)} · ${statusOf(record.attempts.at(-1))}`),
    ),
    h('span', { class: 'stats' }, `${total} ms · ${record.attempts.length} 次 · ${time(record.at)}`),
    record.verdict.ok ? null : h('span', { class: 'reason' }, record.verdict.reason),
  );
  return h(
    'details',
    { class: 'push', id: `push-${record.id}`, 'data-kind': record.kind },
    summary,
    pushDetail(record),
  );
}
