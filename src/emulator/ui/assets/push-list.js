// The developer panel's list of pushes, newest first, with the counts on its tabs.
import { ui } from './elements.js';
import { pushItem } from './push-item.js';
import { fanName, S } from './state.js';
import { devTab, showView } from './views.js';

/** @typedef {import('../../world.js').PushRecord} PushRecord */

/**
 * Lists one push, once by id; held back while start() waits for the pushes' snapshot.
 * @param {PushRecord} record
 */
export function addPush(record) {
  if (S.pushesWhileLoading) return void S.pushesWhileLoading.push(record);
  if (S.pushes.some((p) => p.id === record.id)) return;
  S.pushes.push(record);
  ui.pushesEmpty.hidden = true;
  const item = pushItem(record, fanName);
  item.classList.add('flash');
  ui.pushList.prepend(item);
  ui.pushCount.textContent = `(${S.pushes.length})`;
  ui.tabDevCount.textContent = `${S.pushes.length}`;
}

/**
 * Opens the developer panel at one push (the "why?" link of a notice in the chat).
 * @param {string} id
 */
export function showPush(id) {
  showView('dev');
  devTab('pushes');
  const el = document.getElementById(`push-${id}`);
  if (el instanceof HTMLDetailsElement) {
    el.open = true;
    el.scrollIntoView({ block: 'start' });
  }
}
