// The fixed elements of the phone page (index.html), looked up once, and the toast shown over the phone.

/**
 * The element with this id, checked to be of its type: a page that does not match index.html fails at once.
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @param {new () => T} [type]
 * @returns {T}
 */
export function $(id, type) {
  const el = document.getElementById(id);
  const expected = type ?? HTMLElement;
  if (!(el instanceof expected)) throw new Error(`index.html has no ${expected.name} #${id}`);
  return /** @type {T} */ (el);
}

/** The elements the page redraws or reads often. */
export const ui = {
  layout: $('layout'),
  chat: $('chat'),
  accountName: $('account-name'),
  fanName: $('fan-name'),
  busy: $('busy'),
  followBar: $('follow-bar'),
  menuBar: $('menu-bar'),
  menuButtons: $('menu-buttons'),
  inputBar: $('input-bar'),
  input: $('input', HTMLTextAreaElement),
  send: $('send'),
  plus: $('plus'),
  plusPanel: $('plus-panel'),
  submenu: $('submenu'),
  sheet: $('sheet'),
  backdrop: $('sheet-backdrop'),
  toast: $('toast'),
  pushList: $('push-list'),
  pushesEmpty: $('pushes-empty'),
  pushCount: $('push-count'),
  tabDevCount: $('tab-dev-count'),
  settings: $('dev-settings'),
};

/** @type {ReturnType<typeof setTimeout> | undefined} */
let toastTimer;

/**
 * Shows a short message over the phone for `ms` milliseconds (errors, mini-program opens).
 * @param {string} text
 * @param {number} [ms]
 */
export function toast(text, ms = 2600) {
  ui.toast.textContent = text;
  ui.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (ui.toast.hidden = true), ms);
}
