// The bottom sheet, and the small forms the page asks the fan with in it.
import { h } from './dom.js';
import { ui } from './elements.js';

/**
 * A field of a {@link form}: a text input, or a select of `options`.
 * @typedef {object} FormField
 * @property {string} name
 * @property {string} label
 * @property {string} [value]
 * @property {'number' | 'text'} [type] `number` shows a decimal keyboard on a phone.
 * @property {string} [placeholder]
 * @property {(string | { value: string; label: string })[]} [options]
 */

/**
 * Shows the bottom sheet with these children.
 * @param {...Node} children
 */
export function openSheet(...children) {
  ui.sheet.replaceChildren(...children);
  ui.sheet.hidden = false;
  ui.backdrop.hidden = false;
}

/** Hides the bottom sheet and empties it. */
export function closeSheet() {
  ui.sheet.hidden = true;
  ui.backdrop.hidden = true;
  ui.sheet.replaceChildren();
}

/**
 * The input of one field.
 * @param {FormField} f
 * @returns {HTMLInputElement | HTMLSelectElement}
 */
function fieldInput(f) {
  if (f.options) {
    const options = f.options.map((o) =>
      typeof o === 'string' ? h('option', { value: o }, o) : h('option', { value: o.value }, o.label),
    );
    return h('select', { name: f.name }, options);
  }
  return h('input', {
    name: f.name,
    value: f.value ?? '',
    type: 'text',
    inputmode: f.type === 'number' ? 'decimal' : undefined,
    placeholder: f.placeholder,
  });
}

/**
 * A small form in a bottom sheet; resolves the values by field name, or null when cancelled.
 * @param {string} title
 * @param {FormField[]} fields
 * @param {string} [hint]
 * @returns {Promise<Record<string, string> | null>}
 */
export function form(title, fields, hint) {
  return new Promise((resolve) => {
    const inputs = fields.map(fieldInput);
    const cancel = () => {
      closeSheet();
      resolve(null);
    };
    /** @param {Event} e */
    const submit = (e) => {
      e.preventDefault();
      const values = Object.fromEntries(inputs.map((i) => [i.name, i.value]));
      closeSheet();
      resolve(values);
    };
    const el = h(
      'form',
      { onsubmit: submit },
      fields.map((f, i) => h('label', {}, f.label, inputs[i])),
      hint ? h('p', { class: 'hint' }, hint) : null,
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', onclick: cancel }, '取消'),
        h('button', { class: 'primary', type: 'submit' }, '确定'),
      ),
    );
    ui.backdrop.onclick = cancel;
    openSheet(h('h2', {}, title), el);
    inputs[0]?.focus();
  });
}

/**
 * Asks for a place (a form with label, latitude, longitude); resolves it as the API takes it, or null.
 * @param {string} title
 */
export async function locationForm(title) {
  const v = await form(title, [
    { name: 'label', label: '地点 Label', value: '广州市海珠区客村艺苑路 106号' },
    { name: 'latitude', label: '纬度 Location_X', value: '23.134521', type: 'number' },
    { name: 'longitude', label: '经度 Location_Y', value: '113.358803', type: 'number' },
  ]);
  return (
    v && { label: v['label'], latitude: Number(v['latitude']), longitude: Number(v['longitude']), scale: 15 }
  );
}
