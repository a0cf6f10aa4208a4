/**
 * Where the worksheets' answers live in localStorage: every key of core/store.js starts with
 * KEY_SPACE (today's `ppp:v2:<root>|…`), and the first version's with V1_SPACE (`v1:<sheet>:<key>`,
 * migrated by the store). A module of its own so the entry (main.js) can ask whether a browser
 * holds answers without loading the store.
 */
export const KEY_SPACE = "ppp:";
export const V1_SPACE = "v1:";

/**
 * Whether `storage` (a Storage-like object: length, key(i)) holds any answer key of any version
 * or site path: then the worksheet code loads with the page, so stored answers show at once.
 * @param {{length: number, key: (i: number) => string | null}} storage
 * @returns {boolean}
 */
export function hasAnswers(storage) {
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key && (key.startsWith(KEY_SPACE) || key.startsWith(V1_SPACE))) return true;
  }
  return false;
}
