/**
 * Reading the page's address, which is untrusted input: a link cut off in an e-mail ("#trin-3%"),
 * typed by hand or made to break things must never throw. Every script that reads location.hash,
 * location.search or a URL's parts decodes them here (links.js, ark/core/present.js). Beside
 * links.js, not among the worksheet modules: every page loads it.
 */

/**
 * A percent-encoded address part, decoded; a malformed escape ("%", "%E6%9", "%zz") leaves the
 * text as it was instead of throwing URIError.
 * @param {string} text e.g. "s%C3%A6t"
 * @returns {string} e.g. "sæt"; "" for anything not a string
 */
export function safeDecode(text) {
  if (typeof text !== "string") return "";
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The element id an address fragment points at.
 * @param {string} hash location.hash, e.g. "#trin-3--maal" (with or without the "#")
 * @returns {string} the decoded id, "" when there is none
 */
export function fragmentId(hash) {
  return safeDecode(typeof hash === "string" ? hash.replace(/^#/, "") : "");
}
