/* A tiny element builder for the dialogs and the overview (no templates in the browser). */

/**
 * Make an element. Text goes in as text (never as HTML), so answers and set names are safe.
 * @param {string} tag
 * @param {Object<string,string>} [attrs] attributes; `text` sets textContent
 * @param {...(Node|string)} children
 * @returns {HTMLElement}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}
