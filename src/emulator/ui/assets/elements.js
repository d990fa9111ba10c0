// The fixed elements of the phone page (index.html), looked up once, and the toast shown over the phone.

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

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
  input: $('input'),
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

/** Shows a short message over the phone for `ms` milliseconds (errors, mini-program opens). */
export function toast(text, ms = 2600) {
  ui.toast.textContent = text;
  ui.toast.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (ui.toast.hidden = true), ms);
}
