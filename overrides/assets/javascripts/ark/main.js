/* Worksheets: entry point (an ES module, so deferred). On each page Material shows (document$,
 * once per page load: navigation.instant is off) it binds the worksheets and "Mit partnerskab",
 * and follows other tabs through the `storage` event. It loads the worksheet code (site.js,
 * sheet.js and what they import, about 13 KB compressed) only when a reader needs it (issue 25):
 *   - at once on "Mit partnerskab", and on every page with a worksheet when this browser holds
 *     answers of the site (they are restored as the page loads; core/keys.js tells);
 *   - otherwise when a worksheet comes into view, or is touched (focus, pointer, key): a step page
 *     read on a phone loads none of it until the reader scrolls to a worksheet.
 * What is typed or ticked before the code binds a sheet is kept (sheet.js bindSheet); a click on
 * a toolbar button before it binds is made again once it has.
 * Everything heavier loads on demand: the published key contract, import and merge, copies
 * (PDF, Word), printing.
 *
 * Nothing typed ever leaves the browser: the only requests made by this code are for the site's
 * own files (modules, the contract, the libraries, the worksheet's blank PDF).
 */
let modules = null; // [site.js, sheet.js] once a page needed them
let watcher = null; // the IntersectionObserver of the page shown

function load() {
  if (!modules) modules = Promise.all([import("./site.js"), import("./sheet.js")]);
  return modules;
}

function bind(sheets, overview) {
  if (watcher) watcher.disconnect();
  watcher = null;
  return load().then(([site, sheet]) => {
    const store = site.getStore();
    sheets.forEach((root) => sheet.bindSheet(root, store));
    if (overview) import("./overview.js").then((m) => m.bindOverview(overview, store));
    receiveShared();
  });
}

/* An address with shared answers (#del=…, the PREFIX of core/share.js): share.js asks for the
 * code. Also when such a link is pasted into this tab's address bar (only the fragment changes). */
const sharedAddress = () => location.hash.startsWith("#del=");
function receiveShared() {
  if (!sharedAddress() || !modules) return;
  modules.then(([site]) => import("./share.js").then((m) => m.receive(site.getStore())));
}
window.addEventListener("hashchange", () => {
  if (!sharedAddress()) return;
  if (modules) receiveShared();
  else init(); // binds at once: the shared answers are asked for now
});

/* Whether this browser holds answers (core/keys.js, loaded only on pages with worksheets). */
function storedAnswers() {
  return import("./core/keys.js").then(({ hasAnswers }) => {
    try {
      return hasAnswers(window.localStorage);
    } catch {
      return false; // storage blocked: nothing to restore
    }
  });
}

function init() {
  const pack = document.querySelector("[data-ark-moedepakke]"); // the meeting pack's form
  if (pack) import("./meetingpack.js").then((m) => m.bindPack(pack));
  const sheets = document.querySelectorAll(".ark[data-ark]");
  const overview = document.querySelector("[data-ark-oversigt]");
  if (!sheets.length && !overview) return;
  if (modules || overview || sharedAddress()) return void bind(sheets, overview);
  storedAnswers().then((stored) => {
    if (modules || !sheets[0].isConnected) return; // bound meanwhile, or the page was left
    if (stored) bind(sheets, null);
    else watch(sheets);
  });
}

function watch(sheets) {
  if (watcher) watcher.disconnect();
  // Without stored answers binding changes nothing on screen: it may wait until a sheet shows.
  watcher = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) bind(sheets, null);
  });
  sheets.forEach((root) => watcher.observe(root));
}

/* Touched before it was bound: load now; a toolbar button's click is made again once bound (the
 * sheet's own listener did not exist when the reader clicked). */
const unbound = (target) => target instanceof Element && target.closest('.ark[data-ark]:not([data-bound="1"])');
["focusin", "pointerdown", "keydown"].forEach((type) =>
  document.addEventListener(type, (e) => { if (unbound(e.target)) bind(document.querySelectorAll(".ark[data-ark]"), null); }, true));
document.addEventListener("click", (e) => {
  const root = unbound(e.target);
  const button = root && e.target.closest("button[data-action], [data-ark-menu]");
  if (!button || button.getAttribute("data-action") === "present") return;
  bind(document.querySelectorAll(".ark[data-ark]"), null).then(() => { if (button.isConnected) button.click(); });
});

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
