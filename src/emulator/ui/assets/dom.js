// Building elements: a tiny h() and the page's own SVG icons. Text always goes in as text (never parsed as HTML).

/**
 * What `h` takes as children: text, numbers, nodes, lists of them (nested as deep as they come); null, undefined and
 * false stand for nothing.
 * @typedef {string | number | Node | null | undefined | false | ChildList} Child
 */
/** @typedef {{ readonly [index: number]: Child; readonly length: number }} ChildList An array of children. */

/**
 * Sets one attribute of `h`: `on…` adds a listener, `class` the class name; undefined, null and false leave it out.
 * @param {HTMLElement} el
 * @param {string} name
 * @param {unknown} value
 */
function setAttribute(el, name, value) {
  if (value === undefined || value === null || value === false) return;
  if (name.startsWith('on') && typeof value === 'function')
    el.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
  else if (name === 'class') el.className = String(value);
  else el.setAttribute(name, value === true ? '' : String(value));
}

/**
 * Appends children, arrays flattened; null, undefined and false are skipped.
 * @param {HTMLElement} el
 * @param {Child} child
 */
function append(el, child) {
  if (Array.isArray(child)) for (const c of /** @type {ChildList & Child[]} */ (child)) append(el, c);
  else if (child !== undefined && child !== null && child !== false)
    el.append(child instanceof Node ? child : String(child));
}

/**
 * An element: `h('div', { class: 'x', onclick: fn }, child, 'text')`.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) setAttribute(el, name, value);
  append(el, children);
  return el;
}

/**
 * An element from trusted SVG markup (the icons defined in the page's own modules).
 * @param {string} markup
 * @returns {Node}
 */
export function svg(markup) {
  const t = document.createElement('template');
  t.innerHTML = markup;
  return t.content.firstChild ?? document.createTextNode('');
}
