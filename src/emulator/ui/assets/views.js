// Which view shows: the phone or the developer panel (one at a time on a phone, side by side on a desktop), and the
// panel's tab.
import { $, ui } from './elements.js';

/**
 * Shows one tab of the developer panel: `pushes` or `settings`.
 * @param {string} which
 */
export function devTab(which) {
  for (const t of document.querySelectorAll('.dev-tab'))
    if (t instanceof HTMLElement) t.classList.toggle('active', t.dataset['dev'] === which);
  $('dev-pushes').hidden = which !== 'pushes';
  ui.settings.hidden = which !== 'settings';
}

/**
 * On a phone the page shows one view at a time; on a desktop the panel sits beside the phone.
 * @param {string} view
 */
export function showView(view) {
  ui.layout.dataset['view'] = view;
  ui.layout.classList.remove('dev-hidden');
  $('dev-show').hidden = true;
  for (const t of document.querySelectorAll('.tab'))
    if (t instanceof HTMLElement) t.classList.toggle('active', t.dataset['view'] === view);
}
