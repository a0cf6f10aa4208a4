/* "Vis som præsentation" (presentation mode): the pure part. Which item is shown, how the keys move
 * through the items, and the address a participant's phone opens for an item. No DOM here; the
 * screen itself is ark/present.js. Items are the numbered questions and checklist items of a
 * worksheet or a step page (data-ark-nr, numbered by macros/contract.py), in page order.
 */
import { fragmentId } from "../../address.js";

/** Keys that move through the items, as in a slide program, and Escape, which ends the
 * presentation. Space (" ") goes back with Shift (keyAction). */
export const KEY_ACTIONS = Object.freeze({
  ArrowRight: "next",
  PageDown: "next",
  " ": "next",
  Enter: "next",
  ArrowLeft: "prev",
  PageUp: "prev",
  Home: "first",
  End: "last",
  Escape: "close",
});

/**
 * The action of a key, or null for keys the presentation leaves alone.
 * @param {string} key KeyboardEvent.key
 * @param {{shiftKey?: boolean, onButton?: boolean}} [how] Shift held; focus on one of the
 *   view's buttons, which then does its own thing on Space and Enter (a keyboard user who tabbed
 *   to "Luk" closes with it). Focus starts on the view itself, so they page forward there.
 * @returns {"next"|"prev"|"first"|"last"|"close"|null}
 */
export function keyAction(key, { shiftKey = false, onButton = false } = {}) {
  if (!Object.prototype.hasOwnProperty.call(KEY_ACTIONS, key)) return null;
  if (onButton && (key === " " || key === "Enter")) return null;
  if (key === " " && shiftKey) return "prev";
  return KEY_ACTIONS[key];
}

/**
 * Where Tab moves focus among the view's `count` focusable controls (focus stays inside the
 * view: past the last comes the first, before the first the last).
 * @param {number} index the control that has focus, -1 for none of them (the view itself)
 * @param {number} count how many there are (0: none, returns -1)
 * @param {boolean} backwards Shift+Tab
 */
export function tabTarget(index, count, backwards) {
  if (count <= 0) return -1;
  if (index < 0 || index >= count) return backwards ? count - 1 : 0;
  return (index + (backwards ? count - 1 : 1)) % count;
}

/**
 * The index shown after `action`, from `index` among `count` items (it stays inside 0…count-1;
 * there is no wrapping: the last question stays the last).
 * @param {number} index
 * @param {number} count
 * @param {"next"|"prev"|"first"|"last"|string} action
 */
export function move(index, count, action) {
  if (count <= 0) return 0;
  const at = Math.min(Math.max(index, 0), count - 1);
  if (action === "next") return Math.min(at + 1, count - 1);
  if (action === "prev") return Math.max(at - 1, 0);
  if (action === "first") return 0;
  if (action === "last") return count - 1;
  return at;
}

/**
 * Where to start: the item the page's address points at (a link to a question, "#<id>"), else
 * the first one.
 * @param {{id: string}[]} items
 * @param {string} hash location.hash, e.g. "#trin-3-foer-moedet--research-af-moedeltagerne"
 */
export function startIndex(items, hash) {
  const id = fragmentId(hash); // untrusted: a stray "%" must not throw
  const i = id ? items.findIndex((item) => item.id === id) : -1;
  return i < 0 ? 0 : i;
}

/**
 * The absolute address of an item on the page being shown: the page's own address (so it works
 * under any sub-path and host) with the item's anchor, without a query or another anchor.
 * @param {string} href location.href
 * @param {string} id the item's anchor id
 */
export function itemUrl(href, id) {
  const url = new URL(href);
  url.search = "";
  url.hash = id;
  return url.href;
}
