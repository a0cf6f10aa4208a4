/* Worksheets: entry point (an ES module, so deferred). Binds every worksheet and "Mit
 * partnerskab" on each page Material shows (document$ also fires after instant navigation),
 * follows other tabs through the `storage` event, and loads everything heavy on demand:
 * the published key contract, import/merge, copies (PDF, Word).
 *
 * Nothing typed ever leaves the browser: the only requests made here are for the site's own
 * files (the contract, the libraries, the worksheet's blank PDF).
 */
import { getStore } from "./site.js";
import { bindSheet, resyncSheet, showSetName } from "./sheet.js";

let store = null;

function init() {
  const sheets = document.querySelectorAll(".ark[data-ark]");
  const overview = document.querySelector("[data-ark-oversigt]");
  if (!sheets.length && !overview) return;
  const s = (store = getStore());
  sheets.forEach((root) => bindSheet(root, s));
  if (overview) import("./overview.js").then((m) => m.bindOverview(overview, s));
}

/* Other tabs: a changed answer updates its sheet here; a changed set list or current set
 * (or a cleared storage) refreshes everything, so no tab keeps showing, or writes back, stale state. */
window.addEventListener("storage", (e) => {
  if (!store || (e.storageArea && e.storageArea !== window.localStorage)) return;
  const parsed = e.key === null ? { kind: "all" } : store.parseKey(e.key);
  if (!parsed) return;
  const current = store.currentSet().id;
  document.querySelectorAll(".ark[data-ark]").forEach((root) => {
    if (parsed.kind !== "answer") showSetName(root, store);
    if (parsed.kind !== "answer" || (parsed.setId === current && parsed.sheet === root.getAttribute("data-ark"))) {
      resyncSheet(root, store);
    }
  });
  const overview = document.querySelector("[data-ark-oversigt]");
  if (overview) import("./overview.js").then((m) => m.refreshOverview(overview, store));
});

if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
