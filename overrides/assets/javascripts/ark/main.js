/* Worksheets: entry point (an ES module, so deferred). On each page Material shows (document$
 * also fires after instant navigation) it loads the worksheet code only where the page has a
 * worksheet or "Mit partnerskab", binds them, and follows other tabs through the `storage`
 * event. Everything heavier loads on demand: the published key contract, import and merge,
 * copies (PDF, Word), printing.
 *
 * Nothing typed ever leaves the browser: the only requests made by this code are for the site's
 * own files (modules, the contract, the libraries, the worksheet's blank PDF).
 */
let modules = null; // [site.js, sheet.js] once a page needed them

function load() {
  if (!modules) modules = Promise.all([import("./site.js"), import("./sheet.js")]);
  return modules;
}

function init() {
  const pack = document.querySelector("[data-ark-moedepakke]"); // the meeting pack's form
  if (pack) import("./meetingpack.js").then((m) => m.bindPack(pack));
  const sheets = document.querySelectorAll(".ark[data-ark]");
  const overview = document.querySelector("[data-ark-oversigt]");
  if (!sheets.length && !overview) return;
  load().then(([site, sheet]) => {
    const store = site.getStore();
    sheets.forEach((root) => sheet.bindSheet(root, store));
    if (overview) import("./overview.js").then((m) => m.bindOverview(overview, store));
    receiveShared();
  });
}

/* An address with shared answers (#del=…, the PREFIX of core/share.js): share.js asks for the
 * code. Also when such a link is pasted into this tab's address bar (only the fragment changes). */
function receiveShared() {
  if (!location.hash.startsWith("#del=") || !modules) return;
  modules.then(([site]) => import("./share.js").then((m) => m.receive(site.getStore())));
}
window.addEventListener("hashchange", receiveShared);

/* Other tabs: a changed answer re-syncs its sheet here; a changed set list or current set (or a
 * cleared storage) re-syncs everything, so no tab keeps showing, or writes back, stale state. */
window.addEventListener("storage", (e) => {
  if (!modules || (e.storageArea && e.storageArea !== window.localStorage)) return;
  modules.then(([site, sheet]) => {
    const store = site.getStore();
    const parsed = e.key === null ? { kind: "all" } : store.parseKey(e.key);
    if (!parsed) return;
    const current = store.currentSet().id;
    document.querySelectorAll(".ark[data-ark]").forEach((root) => {
      // A sheet whose set another tab deleted keeps what it shows until the person chooses a set.
      if (parsed.kind !== "answer" && sheet.showSetName(root, store) === "gone") return;
      if (parsed.kind !== "answer" || (parsed.setId === current && parsed.sheet === root.getAttribute("data-ark"))) {
        sheet.resyncSheet(root, store);
      }
    });
    const overview = document.querySelector("[data-ark-oversigt]");
    if (overview) import("./overview.js").then((m) => m.refreshOverview(overview, store));
  });
});

/* "Vis som præsentation" (a worksheet's toolbar, the top of a step page): present.js loads with the click. */
document.addEventListener("click", (e) => {
  const button = e.target instanceof Element && e.target.closest('button[data-action="present"]');
  if (button) import("./present.js").then((m) => m.present(button));
});

if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
